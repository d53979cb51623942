import Testing
@testable import LLMGateway

@Suite struct RequestCounterTests {
    @Test func countsBySeriesAndRendersOneSortedLineEach() {
        let counter = RequestCounter()
        counter.count(route: "/ask", status: 200, errorType: nil)
        counter.count(route: "/ask", status: 200, errorType: nil)
        counter.count(route: "/ask", status: 400, errorType: "invalid_json")
        counter.count(route: "/healthz", status: 200, errorType: nil)
        #expect(counter.value(route: "/ask", status: 200) == 2)
        #expect(counter.value(route: "/ask", status: 400, errorType: "invalid_json") == 1)
        #expect(counter.prometheusText() == """
            # HELP llm_gateway_http_requests_total HTTP requests the gateway answered, by route, status code and error type.
            # TYPE llm_gateway_http_requests_total counter
            llm_gateway_http_requests_total{http_route="/ask",http_response_status_code="200"} 2
            llm_gateway_http_requests_total{http_route="/ask",http_response_status_code="400",error_type="invalid_json"} 1
            llm_gateway_http_requests_total{http_route="/healthz",http_response_status_code="200"} 1

            """)
    }

    @Test func labelValuesAreEscaped() {
        let counter = RequestCounter()
        counter.count(route: "/a\"b\\c\nd", status: 500, errorType: nil)
        #expect(counter.prometheusText().contains(#"http_route="/a\"b\\c\nd""#))
    }
}
