import Hummingbird
import LLMTrace
import Logging

/// Counts every request in `RequestCounter` and logs each failure once, with its `error.type`.
/// It runs inside `TracingMiddleware`, so its log lines carry the request's trace id.
struct RequestCountingMiddleware<Context: RequestContext>: RouterMiddleware {
    let counter: RequestCounter

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            let response = try await next(request, context)
            counter.count(route: Self.route(context), status: Int(response.status.code), errorType: nil)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            let errorType = (error as? any ErrorTypeProviding)?.errorType ?? String(status)
            counter.count(route: Self.route(context), status: status, errorType: errorType)
            let level: Logger.Level = status >= 500 ? .error : .notice
            context.logger.log(level: level, "request failed", metadata: [
                "http.response.status_code": "\(status)", "error.type": "\(errorType)", "error.message": "\(error)",
            ])
            throw error
        }
    }

    /// The matched route, or one label for every unmatched path (raw paths would be unbounded).
    private static func route(_ context: Context) -> String {
        context.endpointPath ?? "unmatched"
    }
}
