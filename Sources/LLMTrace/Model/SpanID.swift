internal import LLMTraceSupport

/// An 8-byte W3C span id (the `parent-id` of `traceparent`).
public struct SpanID: Sendable, Hashable, CustomStringConvertible {
    /// The eight bytes, big-endian.
    public let value: UInt64

    /// The invalid, all-zero id.
    public static let invalid = SpanID(0)

    /// Creates an id from its big-endian value.
    public init(_ value: UInt64) { self.value = value }

    /// Parses 16 hex digits; `nil` for a wrong length, a non-hex digit or the all-zero id.
    public init?<S: StringProtocol>(hex: S, lowercaseOnly: Bool = true) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 16,
              let value = Hex.parseUInt64(utf8[0..<16], lowercaseOnly: lowercaseOnly),
              value != 0
        else { return nil }
        self.value = value
    }

    /// Whether the id is not all zeros.
    public var isValid: Bool { value != 0 }

    /// 16 lowercase hex digits.
    public var hexString: String {
        String(unsafeUninitializedCapacity: 16) { buffer in
            Hex.write(value, into: buffer, at: 0)
            return 16
        }
    }

    public var description: String { hexString }
}
