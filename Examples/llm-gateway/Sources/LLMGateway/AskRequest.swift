import Foundation

/// The body of `POST /ask`: `{"question": "...", "model": "gpt-4o-mini"}`, `model` optional.
struct AskRequest: Decodable, Sendable {
    var question: String
    var model: String?

    /// Decodes and checks a body; throws the `GatewayError` a caller should see.
    static func parse(_ body: [UInt8]) throws -> AskRequest {
        let request: AskRequest
        do {
            request = try JSONDecoder().decode(AskRequest.self, from: Data(body))
        } catch DecodingError.keyNotFound(let key, _) {
            throw GatewayError.invalidJSON("\"\(key.stringValue)\" is missing")
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw GatewayError.invalidJSON("\"\(field)\" must be a string")
        } catch {
            throw GatewayError.invalidJSON("not valid JSON")
        }
        guard !request.question.allSatisfy(\.isWhitespace) else { throw GatewayError.emptyQuestion() }
        if let model = request.model, !isValidModel(model) { throw GatewayError.invalidModel() }
        return request
    }

    /// A model name is also a metric label and a span attribute: short, printable, no spaces.
    static func isValidModel(_ model: String) -> Bool {
        (1...GatewayConfiguration.maxModelLength).contains(model.count)
            && model.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-:/".unicodeScalars.contains($0)) }
    }
}
