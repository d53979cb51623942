/// The outcome of one export call.
public enum ExportResult: Sendable, Equatable {
    /// The receiver took every span.
    case success
    /// The receiver took all but `rejected` spans, and said why.
    case partialSuccess(rejected: Int, message: String)
    /// Nothing was delivered.
    case failure(ExportError)
}
