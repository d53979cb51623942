import Foundation

/// How the gateway listens, where it generates, and what it accepts.
public struct GatewayConfiguration: Sendable {
    /// An OpenAI-compatible chat-completions API to generate with.
    public struct Upstream: Sendable {
        /// `OPENAI_BASE_URL`, e.g. `https://api.openai.com/v1`.
        public var baseURL: String
        /// `OPENAI_API_KEY`: sent in the `Authorization` header only; never logged or recorded.
        public var apiKey: String
        /// Longest wait for the upstream's whole answer; past it the request fails with 502.
        public var timeout: Duration

        public init(baseURL: String, apiKey: String, timeout: Duration = .seconds(30)) {
            self.baseURL = baseURL
            self.apiKey = apiKey
            self.timeout = timeout
        }
    }

    /// The largest `/ask` body accepted; a larger one is answered with 413.
    public static let maxBodyBytes = 64 * 1024
    /// The longest model name accepted.
    static let maxModelLength = 100

    /// Address to listen on. Default: 127.0.0.1.
    public var host = "127.0.0.1"
    /// Port to listen on; 0 takes a free one (the gateway prints which). Default: 8080.
    public var port = 8080
    /// The model asked for when a request names none.
    public var defaultModel = "gpt-4o-mini"
    /// Where generation happens: `nil` uses the local generator.
    public var upstream: Upstream?
    /// Multiplies the local generator's simulated latency; 0 answers at once.
    public var latencyScale = 1.0

    /// The defaults above.
    public init() {}

    /// The upstream that `OPENAI_BASE_URL` and `OPENAI_API_KEY` name, if both are set.
    public static func upstream(environment: [String: String], timeout: Duration) -> Upstream? {
        guard let base = environment["OPENAI_BASE_URL"], !base.isEmpty,
              let key = environment["OPENAI_API_KEY"], !key.isEmpty else { return nil }
        return Upstream(baseURL: base, apiKey: key, timeout: timeout)
    }
}
