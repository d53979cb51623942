import Testing
@testable import LLMTrace

@Suite struct PrometheusTextTests {
    @Test func namesBecomePrometheusNamesWithTheirUnit() {
        #expect(PrometheusText.metricName("gen_ai.client.operation.duration", unit: "s") == "gen_ai_client_operation_duration_seconds")
        #expect(PrometheusText.metricName("gen_ai.client.token.usage", unit: "{token}") == "gen_ai_client_token_usage")
        #expect(PrometheusText.metricName("already_seconds", unit: "s") == "already_seconds")
        #expect(PrometheusText.labelName("gen_ai.request.model") == "gen_ai_request_model")
        #expect(PrometheusText.labelName("1st-label") == "_1st_label")
    }

    @Test func countersEndInTotalAndLabelValuesAreEscaped() {
        let text = PrometheusText.render([.counter(LLMTraceAttributes.requestsMetric, [("model", "a\"b\\c\nd")], 3)])
        #expect(text.contains("# TYPE llmtrace_gen_ai_requests_total counter\n"))
        #expect(text.contains(#"llmtrace_gen_ai_requests_total{model="a\"b\\c\nd"} 3"#))
    }

    @Test func histogramsHaveCumulativeBucketsSumAndCount() {
        var histogram = Histogram(bounds: [1, 2])
        for value in [0.5, 1.5, 1.5, 9] { histogram.record(value) }
        let text = PrometheusText.render([.histogram(GenAI.clientOperationDuration, [], histogram)])
        #expect(text.contains("# TYPE gen_ai_client_operation_duration_seconds histogram\n"))
        #expect(text.contains("gen_ai_client_operation_duration_seconds_bucket{le=\"1\"} 1\n"))
        #expect(text.contains("gen_ai_client_operation_duration_seconds_bucket{le=\"2\"} 3\n"))
        #expect(text.contains("gen_ai_client_operation_duration_seconds_bucket{le=\"+Inf\"} 4\n"))
        #expect(text.contains("gen_ai_client_operation_duration_seconds_sum 12.5\n"))
        #expect(text.contains("gen_ai_client_operation_duration_seconds_count 4\n"))
    }

    @Test func nothingRendersAsNothing() {
        #expect(PrometheusText.render([]).isEmpty)
    }
}
