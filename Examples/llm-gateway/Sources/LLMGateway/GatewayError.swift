import Foundation
import Hummingbird
import LLMTrace

/// Why `/ask` could not answer: a JSON error body with the HTTP status, and the `error.type`
/// the spans, the log line and the request counter carry.
///
/// ```json
/// {"error": {"type": "invalid_json", "message": "..."}, "trace_id": "4bf9..."}
/// ```
public struct GatewayError: HTTPResponseError, ErrorTypeProviding, CustomStringConvertible {
    public let status: HTTPResponse.Status
    public let errorType: String
    /// Safe to show the caller: never the question, a key or a stack.
    public let message: String
    /// The trace of the failed request, so the caller can find it.
    public let traceID: String?

    init(_ status: HTTPResponse.Status, _ errorType: String, _ message: String) {
        self.status = status
        self.errorType = errorType
        self.message = message
        self.traceID = TraceContext.current.map { $0.traceID.description }
    }

    /// The body is not JSON, or not an object with a string `question`.
    static func invalidJSON(_ detail: String) -> GatewayError {
        GatewayError(.badRequest, "invalid_json", "the body must be a JSON object like {\"question\": \"...\", \"model\": \"gpt-4o-mini\"}: \(detail)")
    }

    // Functions, not constants: an error carries the trace of the request it was made in.
    static func emptyQuestion() -> GatewayError {
        GatewayError(.badRequest, "empty_question", "\"question\" must not be empty")
    }

    static func invalidModel() -> GatewayError {
        GatewayError(.badRequest, "invalid_model", "\"model\" must be 1 to \(GatewayConfiguration.maxModelLength) letters, digits or . _ - : /")
    }

    static func bodyTooLarge() -> GatewayError {
        GatewayError(.contentTooLarge, "body_too_large", "the body is larger than \(GatewayConfiguration.maxBodyBytes) bytes")
    }

    /// The model provider failed (429, 5xx, timeout, connection): the gateway's upstream.
    static func upstream(errorType: String, message: String) -> GatewayError {
        GatewayError(.badGateway, errorType, "the model provider failed: \(message)")
    }

    public var description: String { "\(status.code) \(errorType): \(message)" }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var error: [String: Any] = ["type": errorType, "message": message]
        error["status"] = Int(status.code)
        var body: [String: Any] = ["error": error]
        if let traceID { body["trace_id"] = traceID }
        let data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
        return Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
