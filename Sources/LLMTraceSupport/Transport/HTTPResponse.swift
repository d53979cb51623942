/// What came back.
public struct HTTPResponse: Sendable {
    /// The status code.
    public var status: Int
    /// Response headers, names in lower case.
    public var headers: [String: String]
    /// The body, cut at the transport's limit.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
