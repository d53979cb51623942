#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A value that only one thread at a time can read or change.
///
/// Built on a pthread mutex rather than `Synchronization.Mutex` because ThreadSanitizer
/// intercepts pthread locks but cannot see the futex-based locking inside `Mutex`, and reports
/// every access under it as a race. Keeping TSan quiet and right matters more here than the few
/// bytes saved.
package final class Locked<Value>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    package init(_ value: Value) {
        mutex = PThreadMutex.make()
        self.value = value
    }

    deinit { PThreadMutex.destroy(mutex) }

    /// Runs `body` with exclusive access to the value.
    @inline(__always)
    package func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}

/// Creates and destroys heap-allocated pthread mutexes (they must not move once initialised).
enum PThreadMutex {
    static func make() -> UnsafeMutablePointer<pthread_mutex_t> {
        let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        return mutex
    }

    static func destroy(_ mutex: UnsafeMutablePointer<pthread_mutex_t>) {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }
}

/// A lock for tiny critical sections that are almost never contended: one atomic exchange to
/// take, one store to release, no allocation. Spans use it, one per span.
///
/// Waiters spin briefly, then yield the processor, so a holder that was descheduled is not
/// starved. Built on Swift atomics, which ThreadSanitizer understands (unlike the futex inside
/// `Synchronization.Mutex`).
struct SpinLock: ~Copyable, @unchecked Sendable {
    private let held = Atomic<Bool>(false)

    init() {}

    @inline(__always)
    func lock() {
        if held.compareExchange(expected: false, desired: true, successOrdering: .acquiring, failureOrdering: .relaxed).exchanged { return }
        lockContended()
    }

    @inline(__always)
    func unlock() { held.store(false, ordering: .releasing) }

    @inline(never)
    private func lockContended() {
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
