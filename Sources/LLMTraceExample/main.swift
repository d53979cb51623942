// The README's quick-start example, kept compiling by CI. Run it against a receiver:
//   OTEL_SERVICE_NAME=quickstart swift run llmtrace-example
import Dispatch
import Foundation
import LLMTrace

let provider = TracerProvider(environment: ProcessInfo.processInfo.environment)
// Ctrl-C or `docker stop` flushes queued spans before the process ends.
provider.shutdownOnSignals()
let tracer = provider.tracer("quickstart", version: "1.0")

func answer(_ question: String) async throws -> String {
    try await tracer.withSpan("rag_pipeline", attributes: [GenAI.operationName: .string(GenAI.operationInvokeWorkflow)]) { _ in
        let documents = try await tracer.withSpan("retrieval") { span in
            try await Task.sleep(for: .milliseconds(5))  // your vector search
            span.setAttribute("retrieval.doc_count", 2)
            return ["doc-1", "doc-2"]
        }
        // Work on a Dispatch queue stays in the trace: the context travels with the closure.
        let group = DispatchGroup()
        DispatchQueue.global().asyncWithTraceContext(group: group) {
            tracer.withSpan("reranking") { span in span.setAttribute("reranking.kept_count", documents.count) }
        }
        group.wait()
        return try await tracer.withSpan("chat gpt-4o-mini", kind: .client) { span in
            try await Task.sleep(for: .milliseconds(20))  // your model call
            span.setAttribute(GenAI.usageInputTokens, 1523)
            return "RAG grounds an answer in retrieved documents."
        }
    }
}

print(try await answer("what is retrieval augmented generation?"))
let flushed = provider.shutdown(timeout: .seconds(5))
print("flushed: \(flushed); \(provider.statistics)")
