import Foundation
import LLMTrace
import LLMTraceGenAI
internal import LLMTraceSupport

/// A thread-safe counter for round-robin choices.
final class Counter: Sendable {
    private let value = Locked(0)
    func increment() -> Int { value.withLock { value in defer { value &+= 1 }; return value } }
}
