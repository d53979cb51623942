internal import LLMTraceSupport

/// Keeps a trace when the sum of a numeric attribute over its spans reaches `threshold`, for
/// example total `gen_ai.usage.cost` ≥ 0.5 USD or total output tokens ≥ 20000.
public struct AttributeSumRule: Sendable, Hashable, CustomStringConvertible {
    /// The attribute summed (integer and floating-point values count; others are ignored).
    public var key: String
    /// The sum at which the trace is kept.
    public var threshold: Double

    /// Creates a rule.
    public init(key: String, threshold: Double) {
        self.key = key
        self.threshold = threshold
    }

    /// Parses `key>=number`; `nil` if malformed.
    public init?(parsing text: some StringProtocol) {
        let text = String(text)
        guard let range = text.firstRange(of: ">=") else { return nil }
        let key = text[..<range.lowerBound].trimmingOWS()
        guard !key.isEmpty, let threshold = Double(text[range.upperBound...].trimmingOWS()), threshold.isFinite else { return nil }
        self.init(key: String(key), threshold: threshold)
    }

    /// The rule name written on kept traces: `attribute:<key>`.
    public var ruleName: String { Self.ruleName(forKey: key) }

    static func ruleName(forKey key: String) -> String { "attribute:\(key)" }

    public var description: String { "\(key)>=\(threshold)" }
}
