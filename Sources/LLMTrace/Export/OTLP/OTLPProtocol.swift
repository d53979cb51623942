/// The OTLP/HTTP encoding of request and response bodies.
///
/// JSON is the default: every OpenTelemetry Collector and Jaeger accept it, and it can be read
/// in a packet capture. Choose protobuf for back ends that take nothing else (Arize Phoenix
/// answers 415 to JSON) or to send fewer bytes: about half of JSON's per span before gzip.
public enum OTLPProtocol: String, Sendable, Equatable, CaseIterable {
    /// `application/json`, the OTLP/JSON mapping.
    case httpJSON = "http/json"
    /// `application/x-protobuf`, the protobuf binary format.
    case httpProtobuf = "http/protobuf"

    /// The `Content-Type` of request bodies.
    var contentType: String {
        switch self {
        case .httpJSON: return "application/json"
        case .httpProtobuf: return "application/x-protobuf"
        }
    }
}
