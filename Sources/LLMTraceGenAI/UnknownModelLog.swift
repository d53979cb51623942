import LLMTrace
import Logging
internal import LLMTraceSupport

/// Warns once per model that has no price, so a typo or a new model is noticed without a flood.
final class UnknownModelLog: Sendable {
    private let logger: Logger
    private let seen = Locked<Set<String>>([])

    init(logger: Logger) { self.logger = logger }

    func warnOnce(_ model: String) {
        let first = seen.withLock { $0.insert(model.lowercased()).inserted }
        if first {
            logger.warning("no price known for model \(model): gen_ai.usage.cost is not recorded for it; add it with \(GenAIEnvironmentKey.pricingFile)")
        }
    }
}
