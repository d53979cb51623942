import Testing
@testable import LLMTrace
import LLMTraceSupport

@Suite struct OTLPExporterConfigurationTests {
    @Test func descriptionHidesCredentialsAndHeaderValues() {
        var configuration = OTLPExporterConfiguration()
        configuration.endpoint = "https://user:sk-secret@collector:4318/v1/traces?token=t0ken"
        configuration.headers = [(name: "x-api-key", value: "sk-secret"), (name: "authorization", value: "Bearer sk-secret")]
        configuration.compression = .gzip
        let text = configuration.description
        #expect(!text.contains("sk-secret"))
        #expect(!text.contains("t0ken"))
        #expect(text.contains("https://<redacted>@collector:4318/v1/traces?<redacted>"))
        #expect(text.contains(#"headers=["x-api-key", "authorization"]"#))
        #expect(text.contains("compression=gzip"))
    }

    @Test func theCertificatesGoToTheTransportsTLSSettings() {
        var configuration = OTLPExporterConfiguration()
        #expect(configuration.tls == TLSConfiguration())
        configuration.certificateFile = "/ca.pem"
        configuration.clientCertificateFile = "/client.pem"
        configuration.clientKeyFile = "/client.key"
        #expect(configuration.tls == TLSConfiguration(certificateFile: "/ca.pem", clientCertificateFile: "/client.pem", clientKeyFile: "/client.key"))
    }
}
