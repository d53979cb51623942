internal import LLMTraceSupport

/// A provider's log pipeline, made on first use: most apps never log through LLMTrace, and a
/// provider should not start an exporter and its timer for nothing.
final class LogPipelineSource: Sendable {
    private let make: @Sendable () -> LogPipeline?
    private let state = Locked<(made: Bool, pipeline: LogPipeline?)>((false, nil))

    init(_ make: @escaping @Sendable () -> LogPipeline?) {
        self.make = make
    }

    /// The pipeline, made now if this is the first use; `nil` when logs go nowhere or the
    /// provider has shut down.
    var pipeline: LogPipeline? {
        state.withLock { state in
            if !state.made {
                state.made = true
                state.pipeline = make()
            }
            return state.pipeline
        }
    }

    /// The pipeline if it was made; never makes one.
    var existing: LogPipeline? { state.withLock { $0.pipeline } }

    /// Shuts the pipeline down, if it was made; none is made afterwards.
    func shutdown(timeout: Duration) -> Bool {
        let pipeline = state.withLock { state -> LogPipeline? in
            state.made = true
            return state.pipeline
        }
        return pipeline?.shutdown(timeout: timeout) ?? true
    }
}
