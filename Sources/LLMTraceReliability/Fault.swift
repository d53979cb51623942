import Foundation
import LLMTraceTesting
import LLMTraceSupport

/// A receiver fault the suite runs the agent against. The receiver answers each request by
/// `reply(secondsSinceStart, requestIndex, spanCount)`, or is not there at all while `isDown`.
struct Fault: Sendable {
    /// The row's name in the report.
    let name: String
    /// What the receiver does, for the README.
    let summary: String
    /// Whether the receiver listens at all at this time into the run.
    let isDown: @Sendable (_ seconds: Double) -> Bool
    /// The answer to one request.
    let reply: @Sendable (_ seconds: Double, _ index: Int, _ spans: Int) -> LoopbackHTTPServer.Reply

    static let ok: LoopbackHTTPServer.Reply = .respond(status: 200, body: "{}")
    private static let up: @Sendable (Double) -> Bool = { _ in false }
    /// How long the transient faults last: long enough to outlive a few retries, short enough
    /// that the run ends with the receiver healthy.
    static let window = 1.5

    init(_ name: String, _ summary: String,
         reply: @escaping @Sendable (Double, Int, Int) -> LoopbackHTTPServer.Reply = { _, _, _ in Fault.ok },
         isDown: @escaping @Sendable (Double) -> Bool = Fault.up) {
        self.name = name
        self.summary = summary
        self.isDown = isDown
        self.reply = reply
    }

    /// An IMF-fixdate `seconds` from now, as `Retry-After` may carry.
    static func httpDate(secondsFromNow seconds: Double) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: Date().addingTimeInterval(seconds))
    }

    /// Every fault of the suite, in report order.
    static let all: [Fault] = [
        Fault("healthy receiver", "answers 200 at once: the baseline"),
        Fault("down from the start", "nothing listens on the port for the whole run", isDown: { _ in true }),
        Fault("down mid-run, back", "stops listening and drops its connections from 1.0 s to 2.0 s",
              isDown: { (1.0..<2.0).contains($0) }),
        Fault("503 for 1.5 s", "answers 503 Service Unavailable, then 200") { t, _, _ in
            t < window ? .respond(status: 503, body: #"{"code":14,"message":"unavailable"}"#) : ok
        },
        Fault("502/504 for 1.5 s", "answers 502 and 504 in turn, then 200") { t, i, _ in
            t < window ? .respond(status: i % 2 == 0 ? 502 : 504, body: "<html>bad gateway</html>") : ok
        },
        Fault("429 Retry-After: 1", "answers 429 with Retry-After in seconds, then 200") { t, _, _ in
            t < window ? .respond(status: 429, headers: ["Retry-After": "1"], body: #"{"code":8,"message":"slow down"}"#) : ok
        },
        Fault("429 Retry-After: date", "answers 429 with Retry-After as an HTTP date 1 s ahead, then 200") { t, _, _ in
            t < window ? .respond(status: 429, headers: ["Retry-After": httpDate(secondsFromNow: 1)], body: "") : ok
        },
        Fault("400 always", "refuses every request with 400 Bad Request, echoing a header value in its message") { _, _, _ in
            .respond(status: 400, body: #"{"code":3,"message":"malformed request; x-api-key=\#(Suite.secret)"}"#)
        },
        Fault("200 partial success", "accepts all but the last 10 % of each request's spans") { _, _, spans in
            .respond(status: 200, body: #"{"partialSuccess":{"rejectedSpans":"\#(spans / 10)","errorMessage":"span too old"}}"#)
        },
        Fault("accepts, never answers", "reads each request and never answers") { _, _, _ in .never },
        Fault("never answers for 1.5 s", "reads each request and never answers, then 200") { t, _, _ in t < window ? .never : ok },
        Fault("trickles its answer", "sends the status line, then the rest one byte every 15 ms (about 1 s per answer)") { _, _, _ in
            .trickle(status: 200, body: "{}", interval: .milliseconds(15))
        },
        Fault("closes mid-response", "sends the 200 status line and half the body, then closes") { _, _, _ in
            .cut(status: 200, body: #"{"partialSuccess":{}}"#, bytes: 80)
        },
        Fault("huge 200 body", "answers 200 with a 16 MB body") { _, _, _ in
            .respond(status: 200, body: hugeBody)
        },
        Fault("garbage 200 body", "answers 200 with bytes that are not JSON") { _, _, _ in
            .respond(status: 200, body: "\u{1}\u{2}not json at all \u{7f}{{{")
        },
        Fault("not HTTP for 1.5 s", "answers with bytes that are not HTTP, then 200") { t, _, _ in
            t < window ? .raw(Array("SSH-2.0-OpenSSH_9.6\r\n\u{0}\u{1}garbage".utf8)) : ok
        },
    ]

    /// The faults a collector restart looks like, from `start` for `seconds`, then healthy:
    /// outages the delivery queue must bridge without losing a span.
    static func outages(from start: Double, seconds: Int) -> [Fault] {
        let during: @Sendable (Double) -> Bool = { (start..<(start + Double(seconds))).contains($0) }
        return [
            Fault("down for \(seconds) s", "stops listening from \(start) s for \(seconds) s", isDown: during),
            Fault("503 for \(seconds) s", "answers 503 from \(start) s for \(seconds) s") { t, _, _ in
                during(t) ? .respond(status: 503, body: #"{"code":14,"message":"unavailable"}"#) : ok
            },
            Fault("429 Retry-After: 1 for \(seconds) s", "answers 429 with Retry-After: 1 from \(start) s for \(seconds) s") { t, _, _ in
                during(t) ? .respond(status: 429, headers: ["Retry-After": "1"], body: #"{"code":8,"message":"slow down"}"#) : ok
            },
            Fault("never answers for \(seconds) s", "reads each request and never answers from \(start) s for \(seconds) s") { t, _, _ in
                during(t) ? .never : ok
            },
        ]
    }

    /// The faults of `all` that a delivery queue bridges: a row against one of them loses nothing.
    static let bridged: Set<String> = [
        "healthy receiver", "down mid-run, back", "503 for 1.5 s", "502/504 for 1.5 s", "429 Retry-After: 1",
        "429 Retry-After: date", "never answers for 1.5 s", "closes mid-response", "garbage 200 body", "not HTTP for 1.5 s",
    ]

    private static let hugeBody = String(repeating: "x", count: 16 << 20)

    /// Whether the receiver, answering with `reply`, took the request's spans: it did if it
    /// decided on a 2xx (even if the answer is then cut short or slow), less the rejected ones.
    static func accepted(_ reply: LoopbackHTTPServer.Reply, spans: Int) -> Int {
        switch reply {
        case .respond(let status, _, let body):
            guard (200..<300).contains(status) else { return 0 }
            if let range = body.range(of: #""rejectedSpans":""#),
               let rejected = Int(body[range.upperBound...].prefix { $0.isNumber }) {
                return spans - rejected
            }
            return spans
        case .trickle(let status, _, _), .cut(let status, _, _):
            return (200..<300).contains(status) ? spans : 0
        case .hangUp, .never, .raw:
            return 0
        }
    }
}
