internal import LLMTraceSupport

/// The parsers of outside input, for the fuzz targets under `Fuzz/`: each entry point parses
/// what a peer, a receiver or an operator can hand LLMTrace, and traps when a property that must
/// hold for every input does not (a parse that does not round-trip, a negative wait), so
/// libFuzzer reports it as it reports a crash. Not API.
@_spi(Fuzzing)
public enum Fuzzing {
    /// `traceparent`: a context read from it is written back identically and read again equal.
    public static func traceparent(_ text: String) {
        guard let context = W3CTraceContextPropagator.parseTraceParent(text) else { return }
        var headers: [String: String] = [:]
        W3CTraceContextPropagator().inject(context, into: &headers)
        guard let header = headers["traceparent"], let again = W3CTraceContextPropagator.parseTraceParent(header),
              again.traceID == context.traceID, again.spanID == context.spanID, again.isSampled == context.isSampled
        else { fatalError("traceparent \(text) does not round-trip") }
    }

    /// `tracestate` with the sampling threshold: a state read from a header is written back and
    /// read again equal, and stays valid with a threshold written into or erased from it.
    public static func tracestate(_ text: String) {
        _ = W3CTraceContextPropagator().extract(from: ["traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "tracestate": text])
        guard let state = TraceState(header: text) else { return }
        guard TraceState(header: state.header) == state else { fatalError("tracestate \(text) does not round-trip") }
        if let ot = state["ot"], let th = SamplingThreshold.subkey("th", in: ot), let threshold = SamplingThreshold(text: th) {
            guard threshold.value < SamplingThreshold.limit else { fatalError("threshold \(th) out of range") }
        }
        _ = SamplingThreshold.randomness(of: TraceID(high: 1, low: 2), traceState: state)
        let written = SamplingThreshold(probability: 0.05)!.writing(into: state)
        guard TraceState(header: written.header) == written else { fatalError("tracestate \(text) invalid after writing a threshold") }
        if let erased = SamplingThreshold.erasing(from: state), TraceState(header: erased.header) != erased, !erased.isEmpty {
            fatalError("tracestate \(text) invalid after erasing its threshold")
        }
    }

    /// `baggage`: within the W3C limits, and the entries written back read again the same.
    public static func baggage(_ text: String) {
        let entries = W3CBaggage.parse(text)
        guard entries.count <= W3CBaggage.maxEntries else { fatalError("baggage over its entry limit") }
        guard let header = W3CBaggage.header(for: entries) else { return }
        guard header.utf8.count <= W3CBaggage.maxBytes else { fatalError("baggage header over its byte limit") }
        for (key, value) in W3CBaggage.parse(header) where entries[key] != value {
            fatalError("baggage entry \(key) does not round-trip")
        }
    }

    /// The environment: `KEY=VALUE` lines read as a provider would read them; every invalid
    /// value is a warning, never a crash.
    public static func environment(_ text: String) {
        var environment: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            environment[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        let configuration = TracingConfiguration(environment: environment)
        guard configuration.samplingRules.maxPendingTraces >= 1, configuration.batch.maxQueueSize >= 1 else {
            fatalError("environment \(environment) gave an unusable configuration")
        }
    }

    /// `Retry-After`: a wait is never negative.
    public static func retryAfter(_ text: String) {
        guard let wait = RetryAfter.parse(text, nowUnixSeconds: 1_800_000_000) else { return }
        guard wait >= .zero else { fatalError("Retry-After \(text) gave a negative wait") }
    }

    /// An export's response body, JSON or protobuf, success or error: the partial success
    /// counts nothing negative, and messages stay short.
    public static func exportResponse(_ body: [UInt8]) {
        for contentType in ["application/json", "application/x-protobuf", nil] {
            if case .partialSuccess(let rejected, let message) = OTLPHTTPClient.parseSuccess(body, contentType: contentType, rejectedKey: "rejectedSpans"),
               rejected < 0 || message.count > 500 {
                fatalError("partial success \(rejected), message of \(message.count) characters")
            }
            guard OTLPHTTPClient.statusMessage(body, contentType: contentType).count <= 200 else { fatalError("status message over 200 characters") }
        }
    }

    /// A spool file, as a crash, a disk or another program may leave it: a file that decodes
    /// is written back byte for byte, and its body inflates within the request limit or is
    /// refused; anything else is skipped, never a crash.
    public static func spoolFile(_ bytes: [UInt8]) {
        _ = SpoolFile.header(bytes[...])
        guard let batch = SpoolFile.decode(bytes) else { return }
        guard SpoolFile.encode(batch) == bytes else { fatalError("spool file does not round-trip") }
        guard batch.items >= 0, batch.items <= SpoolFile.maxItems else { fatalError("spool file item count \(batch.items) out of range") }
        if let wire = batch.wireBody(limit: 1 << 20), wire.body.count > 1 << 20 { fatalError("spool body inflated past its limit") }
    }
}
