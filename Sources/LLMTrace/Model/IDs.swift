import Synchronization

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

/// Makes trace and span ids.
///
/// Inject your own to get predictable ids in tests; production code keeps the default.
public protocol IDGenerator: Sendable {
    /// A new, valid trace id.
    func newTraceID() -> TraceID
    /// A new, valid span id.
    func newSpanID() -> SpanID
}

/// The default generator: SplitMix64 over one atomic counter, seeded once from the system's
/// random source.
///
/// One relaxed atomic add per id and no system call: ids cost a few nanoseconds and threads never
/// wait on each other. SplitMix64 output is uniform over all 64 bits, which ratio sampling needs
/// from the low half of trace ids. The ids are unpredictable to an outsider who has not seen
/// earlier ids of the process; they are not meant as secrets.
public final class RandomIDGenerator: IDGenerator {
    private static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15
    private let state: Atomic<UInt64>

    /// A generator seeded from the system's random source.
    public init() {
        var system = SystemRandomNumberGenerator()
        state = Atomic(system.next())
    }

    /// A generator that repeats the same ids for the same seed: for benchmarks and tests
    /// that must be reproducible.
    public init(seed: UInt64) {
        state = Atomic(seed)
    }

    @inline(__always)
    private func next() -> UInt64 {
        var z = state.wrappingAdd(Self.gamma, ordering: .relaxed).newValue
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public func newTraceID() -> TraceID {
        while true {
            let id = TraceID(high: next(), low: next())
            if id.isValid { return id }
        }
    }

    public func newSpanID() -> SpanID {
        while true {
            let id = SpanID(next())
            if id.isValid { return id }
        }
    }
}

/// Hex digits for ids, written without Foundation.
enum Hex {
    static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    @inline(__always)
    static func write(_ value: UInt64, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        var v = value
        var i = offset + 15
        while i >= offset {
            buffer[i] = digits[Int(v & 0xF)]
            v >>= 4
            i -= 1
        }
    }

    static func parseUInt64(_ bytes: ArraySlice<UInt8>, lowercaseOnly: Bool) -> UInt64? {
        var result: UInt64 = 0
        for byte in bytes {
            guard let nibble = nibble(byte, lowercaseOnly: lowercaseOnly) else { return nil }
            result = result << 4 | UInt64(nibble)
        }
        return result
    }

    @inline(__always)
    static func nibble(_ byte: UInt8, lowercaseOnly: Bool) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F") where !lowercaseOnly: return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
