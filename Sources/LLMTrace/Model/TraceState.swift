internal import LLMTraceSupport

/// The W3C `tracestate` list: vendor entries, most recently updated first.
///
/// Keys and values are validated on the way in; an invalid header is dropped whole, which never
/// affects `traceparent`.
struct TraceState: Sendable, Hashable {
    /// The entries, in header order.
    private(set) var entries: [(key: String, value: String)]

    /// The most entries W3C allows.
    static let maxEntries = 32

    /// An empty trace state.
    init() { entries = [] }

    /// Parses a `tracestate` header value.
    /// - Returns: `nil` if any member is malformed, a key repeats, or there are more than 32.
    init?(header: String) {
        var result: [(key: String, value: String)] = []
        for rawMember in header.split(separator: ",", omittingEmptySubsequences: false) {
            let member = rawMember.trimmingOWS()
            if member.isEmpty { continue } // empty members are allowed and skipped
            guard let eq = member.firstIndex(of: "=") else { return nil }
            let key = String(member[..<eq])
            let value = String(member[member.index(after: eq)...])
            guard Self.isValidKey(key), Self.isValidValue(value) else { return nil }
            guard !result.contains(where: { $0.key == key }) else { return nil }
            result.append((key, value))
        }
        guard result.count <= Self.maxEntries else { return nil }
        entries = result
    }

    /// Whether there are no entries.
    var isEmpty: Bool { entries.isEmpty }

    /// The value for `key`, if present.
    subscript(key: String) -> String? {
        entries.first(where: { $0.key == key })?.value
    }

    /// Returns a copy with `key` set to `value` and moved to the front, as W3C asks of a vendor
    /// that updates its own entry; `nil` if the key or value is invalid.
    func setting(_ key: String, _ value: String) -> TraceState? {
        guard Self.isValidKey(key), Self.isValidValue(value) else { return nil }
        var copy = self
        copy.entries.removeAll { $0.key == key }
        copy.entries.insert((key, value), at: 0)
        if copy.entries.count > Self.maxEntries { copy.entries.removeLast() }
        return copy
    }

    /// Returns a copy without `key`.
    func removing(_ key: String) -> TraceState {
        var copy = self
        copy.entries.removeAll { $0.key == key }
        return copy
    }

    /// The header value, `key=value` pairs joined by commas.
    var header: String {
        entries.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    static func == (lhs: TraceState, rhs: TraceState) -> Bool {
        lhs.entries.elementsEqual(rhs.entries) { $0.key == $1.key && $0.value == $1.value }
    }

    func hash(into hasher: inout Hasher) {
        for entry in entries {
            hasher.combine(entry.key)
            hasher.combine(entry.value)
        }
    }

    /// A key as the project's W3C notes read it: a lowercase letter or digit, then up to 255 of
    /// `a-z 0-9 _ - * /` and at most one `@` (the multi-tenant form `tenant@system`).
    static func isValidKey(_ key: String) -> Bool {
        let bytes = Array(key.utf8)
        guard !bytes.isEmpty, bytes.count <= 256 else { return false }
        func isLowerAlnum(_ b: UInt8) -> Bool {
            (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
        }
        guard isLowerAlnum(bytes[0]) else { return false }
        var atCount = 0
        for b in bytes.dropFirst() {
            switch b {
            case _ where isLowerAlnum(b): continue
            case UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "/"): continue
            case UInt8(ascii: "@"): atCount += 1
            default: return false
            }
        }
        return atCount <= 1
    }

    static func isValidValue(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard !bytes.isEmpty, bytes.count <= 256, bytes.last != UInt8(ascii: " ") else { return false }
        return bytes.allSatisfy { b in
            b >= 0x20 && b <= 0x7E && b != UInt8(ascii: ",") && b != UInt8(ascii: "=")
        }
    }
}
