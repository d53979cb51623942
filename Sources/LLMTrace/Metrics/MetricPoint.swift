/// One series of one metric, as of `timeUnixNano`.
struct MetricPoint: Sendable {
    /// The instrument behind the series.
    enum Kind: Sendable, Equatable {
        /// A monotonic sum.
        case counter
        /// A histogram with explicit bucket bounds.
        case histogram
    }

    /// The metric name (`gen_ai.client.token.usage`, ...).
    var name: String
    /// Counter or histogram.
    var kind: Kind
    /// The attribute set, in a fixed order.
    var attributes: [(key: String, value: String)]
    /// A counter's value.
    var value: Double = 0
    /// A histogram's number of values.
    var count: UInt64 = 0
    /// A histogram's sum of values.
    var sum: Double = 0
    /// A histogram's smallest value (meaningful when `count > 0`).
    var min: Double = 0
    /// A histogram's largest value (meaningful when `count > 0`).
    var max: Double = 0
    /// A histogram's upper bucket bounds.
    var bounds: [Double] = []
    /// A histogram's count per bucket: one more than `bounds`, the last open-ended.
    var bucketCounts: [UInt64] = []
    /// When the value was read.
    var timeUnixNano: UInt64 = 0

    static func counter(_ name: String, _ attributes: [(String, String)], _ value: Double) -> MetricPoint {
        MetricPoint(name: name, kind: .counter, attributes: attributes.map { (key: $0.0, value: $0.1) }, value: value)
    }

    static func histogram(_ name: String, _ attributes: [(String, String)], _ histogram: Histogram) -> MetricPoint {
        MetricPoint(
            name: name, kind: .histogram, attributes: attributes.map { (key: $0.0, value: $0.1) },
            count: histogram.count, sum: histogram.sum, min: histogram.min, max: histogram.max,
            bounds: histogram.bounds, bucketCounts: histogram.bucketCounts
        )
    }

    /// The value of attribute `key`, if the series has it.
    func attribute(_ key: String) -> String? { attributes.first { $0.key == key }?.value }
}
