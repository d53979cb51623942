internal import LLMTraceSupport

/// The outcome of one export call.
public enum ExportResult: Sendable, Equatable {
    /// The receiver took every span.
    case success
    /// The receiver took all but `rejected` spans, and said why.
    case partialSuccess(rejected: Int, message: String)
    /// Nothing was delivered.
    case failure(ExportError)
}

extension ExportResult {
    /// Logs the outcome for a batch of `items` (nothing on success), rate-limited.
    func report(items: Int, itemName: String, to log: RateLimitedLog) {
        switch self {
        case .success:
            break
        case .partialSuccess(let rejected, let message):
            log.log(.warning, key: "partial", "receiver rejected \(rejected) of \(items) \(itemName): \(message)")
        case .failure(let error):
            log.log(.warning, key: "failed", "export of \(items) \(itemName) failed, \(itemName) dropped: \(error)")
        }
    }
}
