import Foundation
public import LLMTraceSupport

/// A small HTTP/1.1 server on 127.0.0.1, one thread per connection: what `TestReceiver` is
/// built on, for tests that script raw replies (hang-ups, slow or cut answers).
public typealias LoopbackHTTPServer = LLMTraceSupport.LoopbackHTTPServer

extension LoopbackHTTPServer.Request {
    /// The body as a JSON object (empty when it is not one).
    public var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }
}
