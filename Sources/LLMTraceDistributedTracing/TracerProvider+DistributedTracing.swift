@_spi(Integration) import LLMTrace
import Tracing

extension TracerProvider {
    /// This provider as the backend of swift-distributed-tracing, for
    /// `InstrumentationSystem.bootstrap(provider.distributedTracer)`.
    ///
    /// From the first call on, LLMTrace keeps its current span in the Tracing API's
    /// `InstrumentationContext`, so that both APIs share one current span: make the call at
    /// start-up, before spans are current.
    public var distributedTracer: DistributedTracer {
        distributedTracer(scopeName: "swift-distributed-tracing")
    }

    /// The backend, with the instrumentation scope its spans are reported under.
    public func distributedTracer(scopeName: String) -> DistributedTracer {
        TraceContext.install(InstrumentationContextStore())
        return DistributedTracer(provider: self, scopeName: scopeName)
    }
}
