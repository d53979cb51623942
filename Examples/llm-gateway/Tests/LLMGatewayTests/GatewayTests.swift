import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import LLMGateway
import LLMTrace
import LLMTraceTesting
import Testing

private let callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736"
private let callerSpan = "00f067aa0ba902b7"

private func json(_ body: Data) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
}

private func json(_ response: TestResponse) throws -> [String: Any] {
    try json(Data(response.body.readableBytesView))
}

private func ask(_ body: String, headers: HTTPFields = [:]) -> (uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer) {
    var all = headers
    all[.contentType] = "application/json"
    return ("/ask", .post, all, ByteBuffer(string: body))
}

@Suite struct GatewayTests {
    /// The whole path of one request: caller → gateway (SERVER) → pipeline → upstream (CLIENT).
    @Test func aRequestIsOneTraceFromTheCallerThroughThePipelineToTheUpstream() async throws {
        let upstream = try TestReceiver { _, _ in .respond(status: 200, body: Fixture.completion) }
        defer { upstream.stop() }
        let question = "What port does OTLP over HTTP use?"
        let traceID = String((0..<32).map { _ in "0123456789abcdef".randomElement()! })
        let request = ask(#"{"question": "\#(question)"}"#, headers: [
            HTTPField.Name("traceparent")!: "00-\(traceID)-\(callerSpan)-01",
            HTTPField.Name("baggage")!: "session.id=s-42,enduser.id=u-7,tenant=acme",
        ])
        let answerBody = try await Fixture.withGateway(upstream: .init(baseURL: "http://127.0.0.1:\(upstream.port)/v1", apiKey: Fixture.apiKey)) { gateway in
            try await gateway.application().test(.live) { client in
                let response = try await client.execute(uri: request.uri, method: request.method, headers: request.headers, body: request.body)
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                return Data(response.body.readableBytesView)
            }
        }
        let answer = try json(answerBody)
        #expect(answer["answer"] as? String == "OTLP over HTTP uses port 4318.")
        #expect(answer["model"] as? String == "gpt-4o-mini-2024-07-18")
        #expect(answer["input_tokens"] as? Int == 120 && answer["output_tokens"] as? Int == 9)
        #expect((answer["cost_usd"] as? Double ?? 0) > 0)
        #expect((answer["latency_s"] as? Double ?? -1) >= 0)
        #expect(answer["trace_id"] as? String == traceID)

        let spans = try await Fixture.trace(traceID)
        let server = try #require(spans.first { $0.kind == .server })
        #expect(server.name == "/ask")
        #expect(server.parentSpanID?.description == callerSpan && server.parentIsRemote == true)
        let workflow = try #require(spans.first { $0.name.hasPrefix("invoke_workflow") })
        #expect(workflow.parentSpanID == server.context.spanID)
        let chat = try #require(spans.first { $0.attributes["gen_ai.operation.name"] == "chat" })
        #expect(chat.parentSpanID == workflow.context.spanID)
        #expect(spans.contains { $0.name.hasPrefix("retrieval") && $0.parentSpanID == workflow.context.spanID })
        let client = try #require(spans.first { $0.kind == .client && $0.attributes["http.request.method"] == "POST" })
        #expect(client.parentSpanID == chat.context.spanID)

        // The upstream got the same trace, under the CLIENT span, and the caller's baggage.
        let sent = try #require(upstream.requests.first)
        #expect(sent.headers["traceparent"] == "00-\(traceID)-\(client.context.spanID)-01")
        let baggage = Set((sent.headers["baggage"] ?? "").split(separator: ",").map(String.init))
        #expect(baggage.isSuperset(of: ["session.id=s-42", "enduser.id=u-7", "tenant=acme"]))
        #expect(sent.headers["authorization"] == "Bearer \(Fixture.apiKey)")

        // Allow-listed baggage on the spans, the rest not; no prompt text, no key, anywhere.
        for span in [server, workflow, chat] {
            #expect(span.attributes["session.id"] == "s-42" && span.attributes["enduser.id"] == "u-7", "\(span.name)")
            #expect(span.attributes["tenant"] == nil)
        }
        for span in spans {
            let values = span.attributes.map { "\($0.value)" } + span.events.flatMap { $0.attributes.map { "\($0.value)" } }
            #expect(!values.contains { $0.contains(question) || $0.contains(Fixture.apiKey) }, "\(span.name)")
        }

        // The request's log line carries its trace id.
        let line = try #require(Fixture.shared.logs.entries.first { $0.message == "answered" && "\($0.metadata["trace_id"] ?? "")" == traceID })
        #expect(!"\(line)".contains(question))
    }

    @Test func healthzAnswers200AndMetricsServeThePrometheusText() async throws {
        let gateway = Fixture.gateway()
        try await gateway.application().test(.live) { client in
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            let answered = try await client.execute(uri: "/ask", method: .post, body: ByteBuffer(string: #"{"question": "How does BM25 weight rare terms?", "model": "gpt-4o"}"#))
            #expect(answered.status == .ok)
            #expect(try json(answered)["model"] as? String == "gpt-4o")
            _ = try await client.execute(uri: "/ask", method: .post, body: ByteBuffer(string: "{"))
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            let text = String(buffer: metrics.body)
            #expect(text.contains(#"llm_gateway_http_requests_total{http_route="/ask",http_response_status_code="200"} 1"#))
            #expect(text.contains(#"llm_gateway_http_requests_total{http_route="/ask",http_response_status_code="400",error_type="invalid_json"} 1"#))
            #expect(text.contains(#"llm_gateway_http_requests_total{http_route="/healthz",http_response_status_code="200"} 1"#))
            #expect(text.contains("# TYPE gen_ai_client_operation_duration_seconds histogram"))
            #expect(text.contains(#"gen_ai_request_model="gpt-4o""#))
        }
    }

    @Test(arguments: [
        ("{", 400, "invalid_json"),
        ("[1, 2]", 400, "invalid_json"),
        (#"{"model": "gpt-4o"}"#, 400, "invalid_json"),
        (#"{"question": 42}"#, 400, "invalid_json"),
        (#"{"question": "   "}"#, 400, "empty_question"),
        (#"{"question": "why?", "model": "gpt 4o\n"}"#, 400, "invalid_model"),
        (#"{"question": "why?", "model": ""}"#, 400, "invalid_model"),
        ("a question of 70,000 bytes", 413, "body_too_large"),
    ])
    func badInputGetsAClearJSONErrorAndIsCounted(_ input: String, _ status: Int, _ errorType: String) async throws {
        let body = status == 413 ? #"{"question": "\#(String(repeating: "x", count: 70_000))"}"# : input
        let gateway = Fixture.gateway()
        let metrics = try await gateway.application().test(.live) { client in
            let response = try await client.execute(uri: "/ask", method: .post, body: ByteBuffer(string: body))
            #expect(Int(response.status.code) == status)
            #expect(response.headers[.contentType] == "application/json")
            let error = try #require(try json(response)["error"] as? [String: Any])
            #expect(error["type"] as? String == errorType)
            #expect((error["message"] as? String ?? "").isEmpty == false)
            #expect(error["status"] as? Int == status)
            // The gateway still answers after it.
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            return String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
        }
        #expect(metrics.contains(#"llm_gateway_http_requests_total{http_route="/ask",http_response_status_code="\#(status)",error_type="\#(errorType)"} 1"#))
    }

    @Test(arguments: [
        ("429", "rate_limit_exceeded"),
        ("503", "503"),
        ("timeout", "timeout"),
        ("refused", "connection_error"),
    ])
    func upstreamFailuresAnswer502WithTheErrorTypeOnSpansAndMetrics(_ fault: String, _ errorType: String) async throws {
        let upstream = try TestReceiver { _, _ in
            switch fault {
            case "429": return .respond(status: 429, headers: ["Retry-After": "3"], body: #"{"error":{"message":"slow down"}}"#)
            case "503": return .respond(status: 503, body: #"{"error":{"message":"overloaded"}}"#)
            default: return .never
            }
        }
        defer { upstream.stop() }
        let port = fault == "refused" ? TestReceiver.closedPort() : upstream.port
        let upstreamConfiguration = GatewayConfiguration.Upstream(baseURL: "http://127.0.0.1:\(port)/v1", apiKey: Fixture.apiKey, timeout: .milliseconds(300))
        let (answer, metrics) = try await Fixture.withGateway(upstream: upstreamConfiguration) { gateway in
            try await gateway.application().test(.live) { client in
                let response = try await client.execute(uri: "/ask", method: .post, body: ByteBuffer(string: #"{"question": "What does HTTP status 429 mean?"}"#))
                #expect(response.status == .badGateway)
                let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
                return (Data(response.body.readableBytesView), metrics)
            }
        }
        let error = try #require(try json(answer)["error"] as? [String: Any])
        #expect(error["type"] as? String == errorType)
        #expect(!String(decoding: answer, as: UTF8.self).contains(Fixture.apiKey))
        let traceID = try #require(try json(answer)["trace_id"] as? String)

        let spans = try await Fixture.trace(traceID)
        let server = try #require(spans.first { $0.kind == .server })
        #expect(server.attributes["error.type"] == .string(errorType))
        #expect(server.attributes["http.response.status_code"] == .int(502))
        guard case .error = server.status else { Issue.record("server status \(server.status)"); return }
        let chat = try #require(spans.first { $0.attributes["gen_ai.operation.name"] == "chat" })
        #expect(chat.attributes["error.type"] == .string(errorType))
        #expect(!spans.contains { span in span.attributes.contains { "\($0.value)".contains(Fixture.apiKey) } })
        #expect(metrics.contains(#"llm_gateway_http_requests_total{http_route="/ask",http_response_status_code="502",error_type="\#(errorType)"} 1"#))
        #expect(metrics.contains("llmtrace_gen_ai_errors_total{") && metrics.contains(#"error_type="\#(errorType)""#))
        #expect(!Fixture.shared.logs.entries.contains { "\($0)".contains(Fixture.apiKey) })
    }
}
