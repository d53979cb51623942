import Synchronization

/// The default generator: SplitMix64 over one atomic counter, seeded once from the system's
/// random source.
///
/// One relaxed atomic add per id and no system call: ids cost a few nanoseconds and threads never
/// wait on each other. SplitMix64 output is uniform over all 64 bits, which ratio sampling needs
/// from the low half of trace ids. The ids are unpredictable to an outsider who has not seen
/// earlier ids of the process; they are not meant as secrets.
final class RandomIDGenerator: IDGenerator {
    private static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15
    private let state: Atomic<UInt64>

    /// A generator seeded from the system's random source.
    init() {
        var system = SystemRandomNumberGenerator()
        state = Atomic(system.next())
    }

    /// A generator that repeats the same ids for the same seed: for benchmarks and tests
    /// that must be reproducible.
    init(seed: UInt64) {
        state = Atomic(seed)
    }

    @inline(__always)
    private func next() -> UInt64 {
        var z = state.wrappingAdd(Self.gamma, ordering: .relaxed).newValue
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    func newTraceID() -> TraceID {
        while true {
            let id = TraceID(high: next(), low: next())
            if id.isValid { return id }
        }
    }

    func newSpanID() -> SpanID {
        while true {
            let id = SpanID(next())
            if id.isValid { return id }
        }
    }
}
