/// What a fault row exports and how: the suite plays its faults against spans over JSON (every
/// fault), spans over protobuf and log records (the faults that differ by encoding or signal).
enum Variant: String, CaseIterable {
    case spans
    case protobuf
    case logs

    /// The names of the faults this variant meets: spans meet all of them; protobuf and logs
    /// meet the ones whose handling differs by encoding or signal.
    var faults: Set<String> {
        let common: Set = ["healthy receiver", "down mid-run, back", "503 for 1.5 s", "429 Retry-After: 1", "400 always", "accepts, never answers"]
        switch self {
        case .spans: return Set(Fault.all.map(\.name))
        case .protobuf: return common.union(["200 partial success"])
        case .logs: return common
        }
    }

    /// The path whose items the receiver books.
    var bookedPath: String { self == .logs ? "/v1/logs" : "/v1/traces" }

    /// The row name for `fault`.
    func rowName(_ fault: Fault) -> String {
        switch self {
        case .spans: return fault.name
        case .protobuf: return "protobuf: \(fault.name)"
        case .logs: return "logs: \(fault.name)"
        }
    }

    /// The environment on top of the suite's.
    var environment: [String: String] {
        switch self {
        case .spans: return ["OTEL_LOGS_EXPORTER": "none"]
        case .protobuf: return ["OTEL_LOGS_EXPORTER": "none", "OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf"]
        case .logs: return ["OTEL_LOGS_EXPORTER": "otlp", "OTEL_BLRP_SCHEDULE_DELAY": "200", "OTEL_TRACES_EXPORTER": "none"]
        }
    }
}
