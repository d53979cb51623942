/// A value set once, which other threads can wait for.
public final class Latch<Value: Sendable>: @unchecked Sendable {
    private let condition = PThreadCondition()
    private var value: Value?

    /// An unset latch.
    public init() {}

    /// Sets the value (the first call wins) and wakes every waiter.
    public func set(_ newValue: Value) {
        condition.locked {
            if value == nil { value = newValue }
            condition.broadcast()
        }
    }

    /// The value, waiting up to `timeout` for it to be set; `nil` if it was not.
    public func wait(timeout: Duration) -> Value? {
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
