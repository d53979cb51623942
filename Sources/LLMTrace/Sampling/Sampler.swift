/// Decides at span start whether a span is recorded and sampled.
///
/// See the OpenTelemetry SDK specification, "Sampling". Called on the caller's thread for every
/// span: it MUST be fast and MUST NOT block.
public protocol Sampler: Sendable, CustomStringConvertible {
    /// Decides for one new span.
    func shouldSample(_ parameters: SamplingParameters) -> SamplingResult
}
