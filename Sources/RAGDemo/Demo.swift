import Foundation
import LLMTrace
import LLMTraceGenAI
import RAGDemoKit
import LLMTraceSupport

/// One run of the demo: the questions, how many at a time, and the pipeline.
struct Demo: Sendable {
    /// The cost of `outcomes` in billionths of a dollar, each call rounded to one, as the cost
    /// metric counts it.
    static func costNanoUSD(_ outcomes: [QuestionOutcome]) -> Int {
        outcomes.compactMap(\.cost).reduce(0) { $0 + Int(($1 * 1e9).rounded()) }
    }

    let questions: [String]
    let concurrency: Int
    let pipeline: RAGPipeline

    /// The user who asks question `index`: one of eight, in turn.
    static func user(of index: Int) -> String { "user-\(index % 8)" }

    /// Answers every question, `concurrency` at a time; outcomes in question order.
    func run() async -> [QuestionOutcome] {
        await withTaskGroup(of: (Int, QuestionOutcome).self) { group in
            var outcomes = [QuestionOutcome?](repeating: nil, count: questions.count)
            var next = 0
            func startNext() {
                guard next < questions.count else { return }
                let index = next
                next += 1
                group.addTask { [pipeline, questions] in
                    // Each question comes from one of a few users, named in baggage as an edge
                    // service would: the per-key cost budget (LLMTRACE_COST_BUDGET_USD_PER_HOUR_PER_KEY)
                    // watches their spend.
                    let outcome = await TraceContext.withBaggage([OTelAttributes.enduserID: Self.user(of: index)]) {
                        await pipeline.answer(questions[index], index: index)
                    }
                    return (index, outcome)
                }
            }
            for _ in 0..<min(concurrency, questions.count) { startNext() }
            while let (index, outcome) = await group.next() {
                outcomes[index] = outcome
                startNext()
            }
            return outcomes.compactMap { $0 }
        }
    }
}
