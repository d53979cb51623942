/// A finished child process.
public struct ChildOutput: Sendable {
    /// Exit status, or the signal's number when `signalled`.
    public var status: Int32
    /// Whether a signal ended it.
    public var signalled: Bool
    public var stdout: String
    public var stderr: String
    /// From start to exit.
    public var elapsed: Duration
}
