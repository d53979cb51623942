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

/// A value set once, which other threads can wait for.
final class Latch<Value: Sendable>: @unchecked Sendable {
    private let condition = PThreadCondition()
    private var value: Value?

    /// Sets the value (the first call wins) and wakes every waiter.
    func set(_ newValue: Value) {
        condition.locked {
            if value == nil { value = newValue }
            condition.broadcast()
        }
    }

    /// The value, waiting up to `timeout` for it to be set; `nil` if it was not.
    func wait(timeout: Duration) -> Value? {
        let deadline = Deadline.after(timeout)
        return condition.locked {
            while value == nil {
                let remaining = deadline.remainingNanos
                if remaining == 0 { break }
                condition.wait(nanoseconds: remaining)
            }
            return value
        }
    }
}

/// A pthread mutex with one condition variable (visible to ThreadSanitizer, unlike futexes).
final class PThreadCondition: @unchecked Sendable {
    private let mutex = PThreadMutex.make()
    private let cond: UnsafeMutablePointer<pthread_cond_t>

    init() {
        cond = .allocate(capacity: 1)
        cond.initialize(to: pthread_cond_t())
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(cond, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        pthread_cond_destroy(cond)
        cond.deallocate()
        PThreadMutex.destroy(mutex)
    }

    func locked<R>(_ body: () throws -> R) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }

    func broadcast() { pthread_cond_broadcast(cond) }

    /// Waits (mutex held) until woken or `nanoseconds` pass; spurious wake-ups are the caller's loop's concern.
    func wait(nanoseconds: UInt64) {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let total = UInt64(now.tv_nsec) + min(nanoseconds, UInt64(Int32.max) * 1_000_000_000)
        var until = timespec(tv_sec: now.tv_sec + Int(total / 1_000_000_000), tv_nsec: Int(total % 1_000_000_000))
        pthread_cond_timedwait(cond, mutex, &until)
    }
}
