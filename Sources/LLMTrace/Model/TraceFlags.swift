/// The W3C trace-flags byte.
struct TraceFlags: OptionSet, Sendable, Hashable {
    let rawValue: UInt8
    init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Bit 0: the caller may have recorded this trace; downstream should too.
    static let sampled = TraceFlags(rawValue: 0x01)
    /// Bit 1 (W3C Level 2): the right-most 7 bytes of the trace id are random.
    static let random = TraceFlags(rawValue: 0x02)

    /// The flags this version of the spec defines; other bits are cleared before sending.
    static let known: TraceFlags = [.sampled, .random]
}
