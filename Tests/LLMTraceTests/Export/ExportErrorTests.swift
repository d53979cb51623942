import Testing
import LLMTrace

@Suite struct ExportErrorTests {
    @Test func reasonsAreShortAndLowCardinality() {
        #expect(ExportError.httpStatus(503, retryable: true, message: "busy for tenant 42").reason == "http 503")
        #expect(ExportError.transport(code: 7, message: "refused").reason == "connection")
        #expect(ExportError.timeout.reason == "timeout")
        #expect(ExportError.shutdown.reason == "shutdown")
        #expect(ExportError.payloadTooLarge(bytes: 1 << 30).reason == "too large")
    }

    @Test func descriptionsSayWhatHappened() {
        #expect(ExportError.httpStatus(503, retryable: true, message: "busy").description == "HTTP 503 (retryable): busy")
        #expect(ExportError.httpStatus(400, retryable: false, message: "").description == "HTTP 400")
        #expect(ExportError.transport(code: 7, message: "refused").description == "transport error 7: refused")
        #expect(ExportError.payloadTooLarge(bytes: 10).description == "payload of 10 bytes is over the limit")
    }
}
