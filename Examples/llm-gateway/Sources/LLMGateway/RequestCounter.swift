import Synchronization

/// Counts the gateway's HTTP requests by route, status and `error.type`, for `/metrics`:
/// bad input and upstream failures are counted even when no model was called.
final class RequestCounter: Sendable {
    static let metricName = "llm_gateway_http_requests_total"

    struct Key: Hashable, Comparable {
        var route: String
        var status: Int
        var errorType: String

        static func < (a: Key, b: Key) -> Bool { (a.route, a.status, a.errorType) < (b.route, b.status, b.errorType) }
    }

    private let counts = Mutex<[Key: Int]>([:])

    /// Counts one request; `route` is the matched route (a few fixed strings), never the raw path.
    func count(route: String, status: Int, errorType: String?) {
        counts.withLock { $0[Key(route: route, status: status, errorType: errorType ?? ""), default: 0] += 1 }
    }

    /// The count of one series, for tests.
    func value(route: String, status: Int, errorType: String? = nil) -> Int {
        counts.withLock { $0[Key(route: route, status: status, errorType: errorType ?? "")] ?? 0 }
    }

    /// The counter in the Prometheus text exposition format (0.0.4).
    func prometheusText() -> String {
        let series = counts.withLock { $0 }.sorted { $0.key < $1.key }
        var text = "# HELP \(Self.metricName) HTTP requests the gateway answered, by route, status code and error type.\n"
        text += "# TYPE \(Self.metricName) counter\n"
        for (key, count) in series {
            var labels = "http_route=\"\(Self.escape(key.route))\",http_response_status_code=\"\(key.status)\""
            if !key.errorType.isEmpty { labels += ",error_type=\"\(Self.escape(key.errorType))\"" }
            text += "\(Self.metricName){\(labels)} \(count)\n"
        }
        return text
    }

    private static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }
}
