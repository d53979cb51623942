#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A value that only one thread at a time can read or change.
///
/// Built on a pthread mutex rather than `Synchronization.Mutex` because ThreadSanitizer
/// intercepts pthread locks but cannot see the futex-based locking inside `Mutex`, and reports
/// every access under it as a race. Keeping TSan quiet and right matters more here than the few
/// bytes saved.
public final class Locked<Value>: @unchecked Sendable {
    @usableFromInline let mutex: UnsafeMutablePointer<pthread_mutex_t>
    // Only touched under the mutex, so the runtime's exclusivity check (a thread-local access
    // set, on every lock) proves nothing the mutex does not already guarantee.
    @usableFromInline @exclusivity(unchecked) var value: Value

    public init(_ value: Value) {
        mutex = PThreadMutex.make()
        self.value = value
    }

    deinit { PThreadMutex.destroy(mutex) }

    /// Runs `body` with exclusive access to the value.
    @inlinable @inline(__always)
    public func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }

    /// `withLock` for a body that takes `item` over: it moves in as the body's argument, where a
    /// captured value could only be borrowed, and stored from there, copied.
    @inlinable @inline(__always)
    public func withLock<Item: ~Copyable, R>(handingOver item: consuming Item, _ body: (inout Value, consuming Item) throws -> R) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value, consume item)
    }
}
