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

    /// Answers every question, `concurrency` at a time; outcomes in question order.
    func run() async -> [QuestionOutcome] {
        await withTaskGroup(of: (Int, QuestionOutcome).self) { group in
            var outcomes = [QuestionOutcome?](repeating: nil, count: questions.count)
            var next = 0
            func startNext() {
                guard next < questions.count else { return }
                let index = next
                next += 1
                group.addTask { [pipeline, questions] in (index, await pipeline.answer(questions[index], index: index)) }
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
