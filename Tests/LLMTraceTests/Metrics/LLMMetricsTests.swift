import Foundation
@testable import LLMTrace
import LLMTraceTesting
import Testing
import LLMTraceSupport

/// One model call as a test scripts it.
private struct Call {
    var model: String
    var input: Int
    var output: Int
    var cost: Double
    var errorType: String?
}

private func calls(_ count: Int) -> [Call] {
    (0..<count).map { i in
        Call(model: i % 3 == 0 ? "gpt-4o" : "gpt-4o-mini", input: 100 + 7 * i, output: 20 + i % 50,
             cost: Double(100 + 7 * i) * 0.15e-6 + Double(20 + i % 50) * 0.6e-6,
             errorType: i % 20 == 5 ? "rate_limit_exceeded" : nil)
    }
}

private func emit(_ calls: [Call], _ tracer: Tracer) {
    for call in calls {
        tracer.withSpan("invoke_workflow rag_pipeline", parent: .root) { root in
            root.setAttribute("rag.step", "rag_pipeline")
            let chat = tracer.startSpan("chat \(call.model)", kind: .client)
            chat.setAttribute("gen_ai.operation.name", "chat")
            chat.setAttribute("gen_ai.provider.name", "openai")
            chat.setAttribute("gen_ai.request.model", call.model)
            chat.setAttribute("rag.step", "generation")
            if let errorType = call.errorType {
                chat.recordError(type: "ProviderError", message: "429", errorType: errorType)
            } else {
                chat.setAttribute("gen_ai.usage.input_tokens", call.input)
                chat.setAttribute("gen_ai.usage.output_tokens", call.output)
                chat.setAttribute("gen_ai.usage.cost", call.cost)
                chat.setAttribute("gen_ai.response.time_to_first_chunk", 0.25)
            }
            chat.end()
        }
    }
}

private func points(_ metrics: LLMMetrics, _ name: String) -> [MetricPoint] {
    metrics.snapshot().filter { $0.name == name }
}

@Suite struct LLMMetricsTests {
    @Test(arguments: [true, false])
    func countsAndSumsMatchTheSpansIncludingTheOnesTheSamplerDropped(_ rulesOn: Bool) throws {
        let (provider, exporter) = TestTracing.provider {
            $0.sampler = AlwaysOffSampler()
            $0.samplingRules.keepErrors = rulesOn
            $0.samplingRules.decisionWait = .zero
        }
        let script = calls(200)
        emit(script, provider.tracer("t"))
        #expect(provider.shutdown(timeout: .seconds(5)))
        let metrics = try #require(provider.metrics)
        let ok = script.filter { $0.errorType == nil }

        let requests = points(metrics, LLMTraceAttributes.requestsMetric)
        #expect(requests.reduce(0) { $0 + $1.value } == 200)
        #expect(Set(requests.compactMap { $0.attribute("gen_ai.request.model") }) == ["gpt-4o", "gpt-4o-mini"])
        let tokens = points(metrics, GenAI.clientTokenUsage)
        let input = tokens.filter { $0.attribute("gen_ai.token.type") == "input" }
        let output = tokens.filter { $0.attribute("gen_ai.token.type") == "output" }
        #expect(input.reduce(0) { $0 + $1.sum } == Double(ok.reduce(0) { $0 + $1.input }))
        #expect(output.reduce(0) { $0 + $1.sum } == Double(ok.reduce(0) { $0 + $1.output }))
        #expect(input.reduce(0) { $0 + $1.count } == UInt64(ok.count))
        for point in tokens {
            #expect(point.bucketCounts.count == point.bounds.count + 1)
            #expect(point.bucketCounts.reduce(0, +) == point.count)
        }
        // Cost is summed in billionths of a dollar: exact, in any order.
        let expectedNanos = ok.reduce(0) { $0 + Int(($1.cost * 1e9).rounded()) }
        let cost = points(metrics, LLMTraceAttributes.costMetric).reduce(0) { $0 + $1.value }
        #expect(Int((cost * 1e9).rounded()) == expectedNanos)
        #expect(Int((metrics.totalCostUSD * 1e9).rounded()) == expectedNanos)

        let failed = script.count - ok.count
        let errors = points(metrics, LLMTraceAttributes.errorsMetric)
        #expect(errors.reduce(0) { $0 + $1.value } == Double(failed))
        #expect(errors.allSatisfy { $0.attribute("error.type") == "rate_limit_exceeded" })
        let durations = points(metrics, GenAI.clientOperationDuration)
        #expect(durations.filter { $0.attribute("error.type") == nil }.reduce(0) { $0 + $1.count } == UInt64(ok.count))
        #expect(durations.filter { $0.attribute("error.type") != nil }.reduce(0) { $0 + $1.count } == UInt64(failed))
        #expect(points(metrics, GenAI.clientOperationTimeToFirstChunk).reduce(0) { $0 + $1.count } == UInt64(ok.count))
        let stages = points(metrics, LLMTraceAttributes.ragStageDurationMetric)
        #expect(stages.filter { $0.attribute("rag.step") == "rag_pipeline" }.reduce(0) { $0 + $1.count } == 200)
        #expect(stages.filter { $0.attribute("rag.step") == "generation" }.reduce(0) { $0 + $1.count } == 200)

        // The sampler dropped every trace: only the error rule (when on) sends any.
        #expect(exporter.spans.count == (rulesOn ? 2 * failed : 0))
    }

    @Test func seriesPastTheLimitGoToOneOverflowSeries() throws {
        let (provider, _) = TestTracing.provider { $0.metrics.maxSeriesPerMetric = 2 }
        let tracer = provider.tracer("t")
        for model in ["a", "b", "c", "d", "c"] {
            let span = tracer.startSpan("chat \(model)", parent: .root)
            span.setAttribute("gen_ai.operation.name", "chat")
            span.setAttribute("gen_ai.request.model", model)
            span.end()
        }
        let metrics = try #require(provider.metrics)
        let requests = points(metrics, LLMTraceAttributes.requestsMetric)
        #expect(requests.count == 3)
        #expect(requests.first { $0.attribute("otel.metric.overflow") == "true" }?.value == 3)
        #expect(metrics.statistics.overflowRecords == 3)
        #expect(requests.reduce(0) { $0 + $1.value } == 5)
    }

    @Test func otlpPushIsCumulativeAndCarriesTheTotals() throws {
        let receiver = try TestReceiver()
        defer { receiver.stop() }
        var configuration = TracingConfiguration(environment: [
            "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:\(receiver.port)",
            "OTEL_METRIC_EXPORT_INTERVAL": "3600000",
            "OTEL_EXPORTER_OTLP_METRICS_HEADERS": "x-api-key=metrics-secret",
        ])
        configuration.serviceName = "metrics-test"
        #expect(configuration.metrics.otlp.endpoint == "http://127.0.0.1:\(receiver.port)/v1/metrics")
        let provider = TracerProvider(configuration: configuration, processors: [])
        let script = calls(40)
        emit(Array(script.prefix(20)), provider.tracer("t"))
        #expect(provider.forceFlush(timeout: .seconds(5)))
        emit(Array(script.suffix(20)), provider.tracer("t"))
        #expect(provider.shutdown(timeout: .seconds(5)))

        let pushes = receiver.requests.filter { $0.path == "/v1/metrics" }
        #expect(pushes.count == 2)
        #expect(pushes.allSatisfy { $0.headers["x-api-key"] == "metrics-secret" && $0.headers["content-type"] == "application/json" })
        let first = try #require(pushes.first?.json["resourceMetrics"] as? [[String: Any]])
        let metricNames = Set(((first[0]["scopeMetrics"] as? [[String: Any]])?[0]["metrics"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
        #expect(metricNames.isSuperset(of: [LLMTraceAttributes.requestsMetric, GenAI.clientTokenUsage, GenAI.clientOperationDuration, LLMTraceAttributes.costMetric]))

        let last = receiver.lastMetrics
        let requests = last.filter { $0.name == LLMTraceAttributes.requestsMetric }.map(\.point)
        #expect(requests.compactMap { Int($0["asInt"] as? String ?? "") }.reduce(0, +) == 40)
        let cost = last.filter { $0.name == LLMTraceAttributes.costMetric }.compactMap { $0.point["asDouble"] as? Double }.reduce(0, +)
        let expected = script.filter { $0.errorType == nil }.reduce(0) { $0 + Int(($1.cost * 1e9).rounded()) }
        #expect(abs(cost * 1e9 - Double(expected)) < 1)
        for (name, point) in last where name == GenAI.clientTokenUsage {
            let buckets = (point["bucketCounts"] as? [String] ?? []).compactMap { Int($0) }
            #expect(buckets.count == (point["explicitBounds"] as? [Double] ?? []).count + 1)
            #expect(String(buckets.reduce(0, +)) == point["count"] as? String)
            #expect(point["startTimeUnixNano"] as? String != nil && point["timeUnixNano"] as? String != nil)
        }
    }

    @Test func prometheusTextNamesFollowTheCollector() throws {
        let (provider, _) = TestTracing.provider()
        emit(calls(10), provider.tracer("t"))
        let text = try #require(provider.metrics).prometheusText()
        TestReceiver.dump(Array(text.utf8), kind: "metrics", ext: "prom")
        #expect(text.contains("# TYPE gen_ai_client_operation_duration_seconds histogram"))
        #expect(text.contains("# TYPE gen_ai_client_token_usage histogram"))
        #expect(text.contains("# TYPE llmtrace_gen_ai_cost_usd_total counter") == false, "the cost family keeps its OTLP name plus _total")
        #expect(text.contains("# TYPE llmtrace_gen_ai_cost_total counter"))
        #expect(text.contains("llmtrace_gen_ai_requests_total{gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"openai\",gen_ai_request_model=\"gpt-4o\"} 4"))
        #expect(text.contains("gen_ai_client_token_usage_bucket{gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"openai\",gen_ai_request_model=\"gpt-4o\",gen_ai_token_type=\"input\",le=\"+Inf\"}"))
        #expect(text.contains("llmtrace_rag_stage_duration_seconds_count{rag_step=\"generation\"} 9"))
        #expect(text.contains("llmtrace_rag_stage_duration_seconds_count{rag_step=\"generation\",error_type=\"rate_limit_exceeded\"} 1"))
    }

    /// Agent runs (workflows included), tool calls and evaluation scores get their histograms,
    /// from the spans and their `gen_ai.evaluation.result` events.
    @Test func agentToolAndEvaluationHistograms() throws {
        let (provider, _) = TestTracing.provider()
        let tracer = provider.tracer("t")
        // Model calls too, so the rendering dumped below has every family the checks expect.
        emit(calls(10), tracer)
        for i in 0..<4 {
            tracer.withSpan("invoke_workflow rag_pipeline", parent: .root) { root in
                root.setAttribute("gen_ai.operation.name", "invoke_workflow")
                root.setAttribute("gen_ai.agent.name", "rag_pipeline")
                let tool = tracer.startSpan("execute_tool calculator")
                tool.setAttribute("gen_ai.operation.name", "execute_tool")
                tool.setAttribute("gen_ai.tool.name", "calculator")
                tool.setAttribute("gen_ai.tool.type", "function")
                if i == 3 { tool.recordError(type: "ToolError", message: "bad input", errorType: "ToolError") }
                tool.end()
                let chat = tracer.startSpan("chat m")
                chat.setAttribute("gen_ai.operation.name", "chat")
                chat.setAttribute("gen_ai.request.model", "m")
                chat.addEvent("gen_ai.evaluation.result", attributes: ["gen_ai.evaluation.name": "groundedness", "gen_ai.evaluation.score.value": .double(Double(i) / 4)])
                chat.addEvent("gen_ai.evaluation.result", attributes: ["gen_ai.evaluation.name": "no_score", "gen_ai.evaluation.score.label": "pass"])
                tracer.recordTimePerOutputChunk(0.05, operation: "chat", provider: "", model: "m")
                chat.end()
            }
        }
        let metrics = try #require(provider.metrics)
        let agents = points(metrics, GenAI.invokeAgentDuration)
        #expect(agents.count == 1 && agents[0].attribute("gen_ai.agent.name") == "rag_pipeline" && agents[0].attribute("gen_ai.operation.name") == "invoke_workflow")
        let tools = points(metrics, GenAI.executeToolDuration)
        #expect(tools.count == 2)
        #expect(tools.contains { $0.attribute("gen_ai.tool.name") == "calculator" && $0.attribute("error.type") == "ToolError" })
        let scores = points(metrics, LLMTraceAttributes.evaluationScoreMetric)
        #expect(scores.count == 1, "an evaluation without a score adds nothing")
        #expect(scores.first?.attribute("gen_ai.evaluation.name") == "groundedness" && scores.first?.attribute("gen_ai.request.model") == "m")
        let text = metrics.prometheusText()
        TestReceiver.dump(Array(text.utf8), kind: "metrics", ext: "prom")
        #expect(text.contains("llmtrace_gen_ai_evaluation_score_sum{gen_ai_evaluation_name=\"groundedness\",gen_ai_request_model=\"m\"} 1.5"))
        #expect(text.contains("llmtrace_gen_ai_evaluation_score_count{gen_ai_evaluation_name=\"groundedness\",gen_ai_request_model=\"m\"} 4"))
        #expect(text.contains("# TYPE gen_ai_invoke_agent_duration_seconds histogram"))
        #expect(text.contains("gen_ai_client_operation_time_per_output_chunk_seconds_count{gen_ai_operation_name=\"chat\",gen_ai_request_model=\"m\"} 4"))
        #expect(text.contains("gen_ai_execute_tool_duration_seconds_count{gen_ai_tool_name=\"calculator\",gen_ai_tool_type=\"function\"} 3"))
        provider.shutdown()
    }

    /// A failed span that names no `error.type` still counts as failed, under `_OTHER` (as the
    /// conventions say), for model calls, tools and steps alike.
    @Test func failedSpansWithoutAnErrorTypeCountAsOther() throws {
        let (provider, _) = TestTracing.provider()
        let tracer = provider.tracer("t")
        let chat = tracer.startSpan("chat m", parent: .root)
        chat.setAttribute("gen_ai.operation.name", "chat")
        chat.setAttribute("gen_ai.request.model", "m")
        chat.setAttribute("rag.step", "generation")
        chat.setStatus(.error(description: "upstream closed the stream"))
        chat.end()
        let tool = tracer.startSpan("execute_tool search", parent: .root)
        tool.setAttribute("gen_ai.operation.name", "execute_tool")
        tool.setAttribute("gen_ai.tool.name", "search")
        tool.setStatus(.error(description: "timeout"))
        tool.end()
        let metrics = try #require(provider.metrics)
        #expect(points(metrics, LLMTraceAttributes.errorsMetric).map { $0.attribute("error.type") } == ["_OTHER"])
        #expect(points(metrics, GenAI.clientOperationDuration).map { $0.attribute("error.type") } == ["_OTHER"])
        #expect(points(metrics, GenAI.executeToolDuration).map { $0.attribute("error.type") } == ["_OTHER"])
        #expect(points(metrics, LLMTraceAttributes.ragStageDurationMetric).map { $0.attribute("error.type") } == ["_OTHER"])
        provider.shutdown()
    }

    /// The classification by `switch` (no hashing on the hot path) must say what the public sets
    /// and the conventions say.
    @Test func operationClassificationAgreesWithTheConventions() {
        for operation in GenAI.modelCallOperations { #expect(LLMMetrics.kind(of: operation) == .modelCall, "\(operation)") }
        #expect(LLMMetrics.kind(of: GenAI.operationInvokeAgent) == .agentRun)
        #expect(LLMMetrics.kind(of: GenAI.operationInvokeWorkflow) == .agentRun)
        #expect(LLMMetrics.kind(of: GenAI.operationExecuteTool) == .toolCall)
        for operation in [GenAI.operationRetrieval, GenAI.operationRerank, GenAI.operationCreateAgent, "", "Chat", "chat ", "invoke_agenT"] {
            #expect(LLMMetrics.kind(of: operation) == .other, "\(operation)")
        }
    }

    @Test func costBudgetWarnsOnceAndMarksTheSpanThatCrossedIt() throws {
        let log = LogCapture()
        let exporter = InMemorySpanExporter()
        var configuration = TracingConfiguration(environment: ["LLMTRACE_COST_BUDGET_USD_PER_HOUR": "0.001", "OTEL_METRICS_EXPORTER": "none"])
        #expect(configuration.metrics.costBudgetUSDPerHour == 0.001)
        configuration.samplingRules.decisionWait = .zero
        let provider = TracerProvider(configuration: configuration, processors: [BatchSpanProcessor(exporter: exporter)], logger: log.logger)
        let tracer = provider.tracer("t")
        for i in 0..<5 {
            let chat = tracer.startSpan("chat \(i)", parent: .root)
            chat.setAttribute("gen_ai.operation.name", "chat")
            chat.setAttribute("gen_ai.usage.cost", 0.0004)
            chat.end()
        }
        #expect(provider.shutdown(timeout: .seconds(5)))
        let marked = exporter.spans.filter { $0.events.contains { $0.name == "llmtrace.cost_budget.exceeded" } }
        #expect(marked.map(\.name) == ["chat 2"])
        let event = try #require(marked.first?.events.first)
        #expect(event.attributes["llmtrace.cost_budget.usd_per_hour"] == .double(0.001))
        #expect(event.attributes["llmtrace.cost.last_hour_usd"]?.numericValue.map { abs($0 - 0.0012) < 1e-12 } == true)
        #expect(log.messages.filter { $0.contains("over the budget") }.count == 1)
    }
}
