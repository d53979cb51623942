internal import LLMTraceSupport

/// A 16-byte W3C trace id.
///
/// A valid id is never all zeros. Its text form is 32 lowercase hex digits, the form used by
/// `traceparent` and by OTLP/JSON.
public struct TraceID: Sendable, Hashable, CustomStringConvertible {
    /// The first (most significant) eight bytes, big-endian.
    public let high: UInt64
    /// The last eight bytes, big-endian. Ratio sampling reads these.
    public let low: UInt64

    /// The invalid, all-zero id.
    public static let invalid = TraceID(high: 0, low: 0)

    // Ids are random: one word mixes both halves without a second round of the hasher.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(high ^ low)
    }

    /// Creates an id from its two big-endian halves.
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Parses 32 hex digits. Upper case is refused when `lowercaseOnly` is set, as W3C requires
    /// for `traceparent`.
    /// - Returns: `nil` for a wrong length, a non-hex digit or the all-zero id.
    public init?<S: StringProtocol>(hex: S, lowercaseOnly: Bool = true) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 32,
              let high = Hex.parseUInt64(utf8[0..<16], lowercaseOnly: lowercaseOnly),
              let low = Hex.parseUInt64(utf8[16..<32], lowercaseOnly: lowercaseOnly),
              high != 0 || low != 0
        else { return nil }
        self.init(high: high, low: low)
    }

    /// Whether the id is not all zeros.
    public var isValid: Bool { high != 0 || low != 0 }

    /// 32 lowercase hex digits.
    public var hexString: String {
        String(unsafeUninitializedCapacity: 32) { buffer in
            Hex.write(high, into: buffer, at: 0)
            Hex.write(low, into: buffer, at: 16)
            return 32
        }
    }

    public var description: String { hexString }
}
