/// An HTTP request as exporters send it.
public struct HTTPRequest: Sendable {
    /// The full URL.
    public var url: String
    /// Header lines, in order. Values may be secrets: never log them.
    public var headers: [(name: String, value: String)]
    /// The body.
    public var body: [UInt8]

    /// Creates a request.
    public init(url: String, headers: [(name: String, value: String)], body: [UInt8]) {
        self.url = url
        self.headers = headers
        self.body = body
    }
}
