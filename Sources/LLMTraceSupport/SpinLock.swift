#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A lock for tiny critical sections that are almost never contended: one atomic exchange to
/// take, one store to release, no allocation. Spans use it, one per span.
///
/// Waiters spin briefly, then yield the processor, so a holder that was descheduled is not
/// starved. Built on Swift atomics, which ThreadSanitizer understands (unlike the futex inside
/// `Synchronization.Mutex`).
public struct SpinLock: ~Copyable, @unchecked Sendable {
    @usableFromInline let held = Atomic<Bool>(false)

    @inlinable
    public init() {}

    @inlinable @inline(__always)
    public func lock() {
        if held.compareExchange(expected: false, desired: true, successOrdering: .acquiring, failureOrdering: .relaxed).exchanged { return }
        lockContended()
    }

    @inlinable @inline(__always)
    public func unlock() { held.store(false, ordering: .releasing) }

    @inline(never)
    @usableFromInline func lockContended() {
        var spins = 0
        while true {
            if !held.load(ordering: .relaxed),
               held.weakCompareExchange(expected: false, desired: true, successOrdering: .acquiring, failureOrdering: .relaxed).exchanged {
                return
            }
            spins += 1
            if spins > 64 { sched_yield() }
        }
    }
}
