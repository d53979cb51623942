/// Runs several propagators as one: each injects its fields; the first that extracts a context
/// wins.
struct CompositePropagator: TextMapPropagator {
    /// The propagators, in order.
    let propagators: [any TextMapPropagator]

    /// Creates the composite.
    init(_ propagators: [any TextMapPropagator]) { self.propagators = propagators }

    var fields: [String] { propagators.flatMap(\.fields) }

    func inject(_ context: SpanContext, into headers: inout [String: String]) {
        for propagator in propagators { propagator.inject(context, into: &headers) }
    }

    func extract(from headers: [String: String]) -> SpanContext? {
        for propagator in propagators {
            if let context = propagator.extract(from: headers) { return context }
        }
        return nil
    }
}
