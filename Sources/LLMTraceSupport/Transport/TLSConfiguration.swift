/// Certificates for HTTPS endpoints. Verification of the server's certificate always stays on.
public struct TLSConfiguration: Sendable, Equatable {
    /// PEM file of the CA that signs the receiver's certificate; `nil` uses the system store.
    /// - Environment: `OTEL_EXPORTER_OTLP_CERTIFICATE` (and `..._TRACES_CERTIFICATE`).
    public var certificateFile: String?
    /// PEM client certificate (chain) for mutual TLS.
    /// - Environment: `OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE`.
    public var clientCertificateFile: String?
    /// PEM private key of the client certificate.
    /// - Environment: `OTEL_EXPORTER_OTLP_CLIENT_KEY`.
    public var clientKeyFile: String?

    /// No custom certificates.
    public init(certificateFile: String? = nil, clientCertificateFile: String? = nil, clientKeyFile: String? = nil) {
        self.certificateFile = certificateFile
        self.clientCertificateFile = clientCertificateFile
        self.clientKeyFile = clientKeyFile
    }
}
