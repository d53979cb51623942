internal import LLMTraceSupport

/// A rejection threshold of OpenTelemetry's consistent probability sampling: a trace is kept
/// when its 56-bit randomness is at least the threshold, and the threshold travels with the
/// trace in `tracestate` as `ot=th:<hex>`, so a back end can weigh each kept trace by
/// `2^56 / (2^56 - threshold)` (100 for 1 %) and extrapolate counts.
///
/// The randomness is the rightmost 7 bytes of the trace id (random in ids LLMTrace makes, which
/// set the W3C `random` flag), or an explicit `rv` in the parent's `ot` entry.
struct SamplingThreshold: Sendable, Equatable {
    /// 2^56: the threshold that rejects everything.
    static let limit: UInt64 = 1 << 56
    /// Hex digits kept after the threshold's leading `0`s or `f`s: the probability is written to
    /// about 1 part in a million, in at most 6 or 7 characters for everyday ratios
    /// (1 % is `fd70a4`, 5 % `f33333`, 10 % `e6666`, 50 % `8`).
    static let precision = 5

    /// The threshold, in [0, 2^56).
    let value: UInt64

    /// The threshold that keeps `probability` of the traces, rounded to `precision` significant
    /// hex digits; `nil` for a probability of 0 (or below, or NaN): nothing is kept, and there is
    /// no threshold to write.
    init?(probability: Double) {
        guard !probability.isNaN, probability > 0 else { return nil }
        guard probability < 1 else {
            value = 0
            return
        }
        let exact = Double(Self.limit) * (1 - probability)
        var threshold = exact >= Double(Self.limit) ? Self.limit - 1 : UInt64(exact.rounded())
        // Digits are counted from the first one that is neither 0 nor f, so small and large
        // probabilities keep the same relative precision.
        let digits = Self.hexDigits(threshold)
        let leading = digits.prefix { $0 == (probability > 0.5 ? UInt8(ascii: "0") : UInt8(ascii: "f")) }.count
        let kept = leading + Self.precision
        if kept < 14 {
            let unit = UInt64(1) << (4 * UInt64(14 - kept))
            threshold = (threshold + unit / 2) / unit * unit
        }
        value = min(threshold, Self.limit - 1)
    }

    /// Reads a `th` value: 1 to 14 lowercase hex digits, padded on the right with zeros.
    init?(text: Substring) {
        guard let value = Self.parse56(text, exactLength: false) else { return nil }
        self.value = value
    }

    /// The `th` value: 14 hex digits with the trailing zeros trimmed (`0` for zero).
    var text: String {
        let digits = Self.hexDigits(value)
        let trimmed = digits.reversed().drop { $0 == UInt8(ascii: "0") }.reversed()
        return trimmed.isEmpty ? "0" : String(decoding: Array(trimmed), as: UTF8.self)
    }

    /// The probability this threshold keeps.
    var probability: Double { Double(Self.limit - value) / Double(Self.limit) }

    /// Whether a trace with this randomness is kept.
    func keeps(randomness: UInt64) -> Bool { randomness >= value }

    /// The randomness of a trace: an explicit `rv` in the `ot` entry of `traceState` if it has a
    /// valid one, else the rightmost 56 bits of the trace id.
    static func randomness(of traceID: TraceID, traceState: TraceState?) -> UInt64 {
        if let ot = traceState?["ot"], let rv = subkey("rv", in: ot), let value = parse56(rv, exactLength: true) {
            return value
        }
        return traceID.low & (limit - 1)
    }

    /// The value of `key` in an `ot` entry (`th:…;rv:…`).
    static func subkey(_ key: String, in ot: String) -> Substring? {
        for member in ot.split(separator: ";") {
            guard let colon = member.firstIndex(of: ":"), member[..<colon] == key else { continue }
            return member[member.index(after: colon)...]
        }
        return nil
    }

    /// `tracestate` with this threshold as `th` in its `ot` entry (other `ot` sub-keys kept, the
    /// entry moved to the front as W3C asks of an updated entry).
    func writing(into traceState: TraceState) -> TraceState {
        Self.updatingOT(traceState, th: text) ?? traceState
    }

    /// `tracestate` without a `th` (a trace that was not kept by a probability, or whose
    /// probability is no longer known); `nil` when there was none to remove.
    static func erasing(from traceState: TraceState) -> TraceState? {
        guard let ot = traceState["ot"], subkey("th", in: ot) != nil else { return nil }
        return updatingOT(traceState, th: nil)
    }

    private static func updatingOT(_ traceState: TraceState, th: String?) -> TraceState? {
        var members = traceState["ot"].map { $0.split(separator: ";").filter { !$0.hasPrefix("th:") }.map(String.init) } ?? []
        if let th { members.insert("th:" + th, at: 0) }
        guard !members.isEmpty else { return traceState.removing("ot") }
        return traceState.setting("ot", members.joined(separator: ";"))
    }

    /// 14 lowercase hex digits of a 56-bit value.
    private static func hexDigits(_ value: UInt64) -> [UInt8] {
        (0..<14).map { i in Hex.digits[Int((value >> (4 * UInt64(13 - i))) & 0xF)] }
    }

    /// 1 to 14 lowercase hex digits as a 56-bit value, padded on the right; exactly 14 when
    /// `exactLength` (an `rv`).
    private static func parse56(_ text: Substring, exactLength: Bool) -> UInt64? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 14, !exactLength || bytes.count == 14,
              let value = Hex.parseUInt64(bytes[...], lowercaseOnly: true) else { return nil }
        return value << (4 * UInt64(14 - bytes.count))
    }
}
