/// A value that only one thread at a time can read or change, behind a `SpinLock`: for state
/// whose every section is a few instructions (a queue's append or pop, a counter) and that a
/// thread reaches on each span, where a pthread mutex's lock and unlock cost several times more.
/// State that a section may hold for long (a snapshot, a loop over everything) belongs in
/// `Locked`, whose waiters sleep.
public final class SpinLocked<Value>: @unchecked Sendable {
    @usableFromInline let lock = SpinLock()
    // Only touched under the lock, so the runtime's exclusivity check proves nothing more.
    @usableFromInline @exclusivity(unchecked) var value: Value

    public init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with exclusive access to the value.
    @inlinable @inline(__always)
    public func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }

    /// `withLock` for a body that takes `item` over (see `Locked.withLock(handingOver:_:)`).
    @inlinable @inline(__always)
    public func withLock<Item: ~Copyable, R>(handingOver item: consuming Item, _ body: (inout Value, consuming Item) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value, consume item)
    }
}
