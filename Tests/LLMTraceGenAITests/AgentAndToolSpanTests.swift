import Foundation
import LLMTrace
import LLMTraceTesting
import Testing
@testable import LLMTraceGenAI

private struct ToolFailed: Error {}

@Suite struct AgentAndToolSpanTests {
    /// `invoke_agent → chat → execute_tool → chat`, the shape of a tool-using agent run.
    @Test func agentRunNestsModelCallsAndToolCalls() async throws {
        let (genAI, provider, exporter) = makeGenAI()
        await genAI.withInvokeAgent("support_agent", id: "asst_1", description: "Answers product questions", provider: GenAI.providerOpenAI, model: "gpt-4o-mini") { _ in
            await genAI.withChat(ChatRequest(model: "gpt-4o-mini", provider: GenAI.providerOpenAI)) { $0.recordResponse(ChatResponse(finishReasons: ["tool_calls"])) }
            await genAI.withExecuteTool("calculator", callID: "call_1", description: "Adds numbers", arguments: #"{"a":2,"b":3}"#) { $0.recordToolResult("5") }
            await genAI.withChat(ChatRequest(model: "gpt-4o-mini", provider: GenAI.providerOpenAI)) { $0.recordResponse(ChatResponse(finishReasons: ["stop"])) }
        }
        provider.forceFlush()

        let agent = try #require(exporter.span(named: "invoke_agent support_agent"))
        #expect(agent.kind == .internal)
        #expect(agent.attributes[GenAI.operationName] == "invoke_agent" && agent.attributes[GenAI.agentName] == "support_agent")
        #expect(agent.attributes[GenAI.agentID] == nil, "no agent id on an in-process agent span")
        #expect(agent.attributes[GenAI.agentDescription] == "Answers product questions" && agent.attributes[GenAI.requestModel] == "gpt-4o-mini")

        let tool = try #require(exporter.span(named: "execute_tool calculator"))
        #expect(tool.kind == .internal && tool.parentSpanID == agent.context.spanID)
        #expect(tool.attributes[GenAI.toolName] == "calculator" && tool.attributes[GenAI.toolType] == "function" && tool.attributes[GenAI.toolCallID] == "call_1")
        #expect(tool.attributes[GenAI.toolDescription] == "Adds numbers")
        #expect(tool.attributes[GenAI.toolCallArguments] == nil && tool.attributes[GenAI.toolCallResult] == nil, "content is opt-in")

        let order = exporter.spans.filter { $0.parentSpanID == agent.context.spanID }.sorted { $0.startTimeUnixNano < $1.startTimeUnixNano }.map(\.name)
        #expect(order == ["chat gpt-4o-mini", "execute_tool calculator", "chat gpt-4o-mini"])
        provider.shutdown()
    }

    @Test func toolArgumentsAndResultNeedContentCaptureAndFitTheLimit() async throws {
        let (genAI, provider, exporter) = makeGenAI(environment: ["OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT": "span_only", "LLMTRACE_GENAI_MAX_CONTENT_LENGTH": "64"])
        await genAI.withExecuteTool("lookup", arguments: #"{"id":"attr-001"}"#) { $0.recordToolResult(String(repeating: "x", count: 500)) }
        provider.forceFlush()
        let tool = try #require(exporter.span(named: "execute_tool lookup"))
        #expect(tool.attributes[GenAI.toolCallArguments] == .string(#"{"id":"attr-001"}"#))
        let result = try #require(tool.attributes[GenAI.toolCallResult]?.description)
        #expect(result.count <= 64)
        provider.shutdown()
    }

    @Test func remoteAgentsAreClientSpansWithTheirID() async throws {
        let (genAI, provider, exporter) = makeGenAI()
        let created = genAI.startCreateAgent("researcher", id: "asst_9", provider: GenAI.providerOpenAI, model: "gpt-4o")
        created.end()
        await genAI.withInvokeAgent("researcher", id: "asst_9", provider: GenAI.providerOpenAI, kind: .client) { _ in }
        provider.forceFlush()
        let create = try #require(exporter.span(named: "create_agent researcher"))
        #expect(create.kind == .client && create.attributes[GenAI.operationName] == "create_agent" && create.attributes[GenAI.agentID] == "asst_9")
        let invoke = try #require(exporter.span(named: "invoke_agent researcher"))
        #expect(invoke.kind == .client && invoke.attributes[GenAI.agentID] == "asst_9")
        provider.shutdown()
    }

    @Test func aFailingToolIsAnErrorSpanAndTheErrorPropagates() async throws {
        let (genAI, provider, exporter) = makeGenAI()
        await #expect(throws: ToolFailed.self) {
            try await genAI.withExecuteTool("search") { _ in throw ToolFailed() }
        }
        provider.forceFlush()
        let tool = try #require(exporter.span(named: "execute_tool search"))
        #expect(tool.status != .unset)
        #expect(tool.attributes[OTelAttributes.errorType]?.description.hasSuffix("ToolFailed") == true)
        provider.shutdown()
    }
}
