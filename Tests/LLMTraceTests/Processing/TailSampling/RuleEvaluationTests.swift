import Testing
@testable import LLMTrace
import LLMTraceSupport

@Suite struct RuleEvaluationTests {
    static let ms: UInt64 = 1_000_000
    static let cost = GenAI.usageCost

    /// Errors kept, slow at 500 ms, cost summed to 1.0.
    func evaluation(_ configure: (inout SamplingRules) -> Void = { _ in }) -> RuleEvaluation {
        var rules = SamplingRules()
        rules.slowThreshold = .milliseconds(500)
        rules.attributeSums = [AttributeSumRule(key: Self.cost, threshold: 1.0)]
        configure(&rules)
        return RuleEvaluation(rules: rules)
    }

    func root(durationMs: UInt64 = 1, remoteParent: Bool = false, cost: Double? = nil) -> SpanData {
        .ended("root", trace: 1, id: 1, parent: remoteParent ? 99 : nil, remoteParent: remoteParent,
               durationNanos: durationMs * Self.ms, attributes: cost.map { [Self.cost: .double($0)] } ?? [:])
    }

    func child(failed: Bool = false, durationMs: UInt64 = 1, cost: AttributeValue? = nil) -> SpanData {
        .ended("child", trace: 1, id: 2, parent: 1, failed: failed, durationNanos: durationMs * Self.ms,
               attributes: cost.map { [Self.cost: $0] } ?? [:])
    }

    @Test func errorComesBeforeSlowAndAttributeSums() {
        let spans = [root(durationMs: 900, cost: 5), child(failed: true)]
        #expect(evaluation().evaluate(spans, headSampled: true) == .error)
    }

    @Test func slowComesBeforeAttributeSums() {
        #expect(evaluation().evaluate([root(durationMs: 900, cost: 5), child()], headSampled: true) == .slow)
    }

    @Test func attributeSumsComeBeforeTheHeadDecision() {
        #expect(evaluation().evaluate([root(cost: 5)], headSampled: true) == .attributeSum(key: Self.cost))
    }

    @Test func theHeadDecisionIsParentForARemoteRootElseRatio() {
        #expect(evaluation().evaluate([root(remoteParent: true), child()], headSampled: true) == .parent)
        #expect(evaluation().evaluate([root(), child()], headSampled: true) == .ratio)
        #expect(evaluation().evaluate([root(), child()], headSampled: false) == nil)
    }

    @Test func anExceptionEventCountsAsAFailureOnlyWhileErrorsAreKept() {
        let failing = SpanData.ended("child", trace: 1, id: 2, parent: 1, events: [SpanEvent(name: OTelAttributes.exceptionEvent, timeUnixNano: 1)])
        #expect(evaluation().evaluate([root(), failing], headSampled: false) == .error)
        #expect(evaluation().isFailure(failing))
        let ignoring = evaluation { $0.keepErrors = false }
        #expect(ignoring.evaluate([root(), failing, child(failed: true)], headSampled: false) == nil)
        #expect(!ignoring.isFailure(failing))
    }

    @Test func slownessIsMeasuredOnTheLocalRootAlone() {
        #expect(evaluation().evaluate([root(durationMs: 1), child(durationMs: 10_000)], headSampled: false) == nil)
        #expect(evaluation().evaluate([root(durationMs: 500), child()], headSampled: false) == .slow)
        #expect(evaluation().evaluate([root(durationMs: 499), child()], headSampled: false) == nil)
        #expect(evaluation { $0.slowThreshold = nil }.evaluate([root(durationMs: 10_000)], headSampled: false) == nil)
    }

    @Test func withoutItsRootATraceIsAsSlowAsItHasRunSoFar() {
        // Started in 1970: it has run for decades. Starting in an hour: it has not run yet.
        var old = child()
        old.startTimeUnixNano = 1
        #expect(evaluation().evaluate([old], headSampled: false) == .slow)
        var future = child()
        future.startTimeUnixNano = WallClock.nowUnixNano() + 3_600_000_000_000
        future.endTimeUnixNano = future.startTimeUnixNano + 1
        #expect(evaluation().evaluate([future], headSampled: false) == nil)
    }

    @Test func attributeSumsAddIntegersAndDoublesAndIgnoreTheRest() {
        let spans = [root(), child(cost: .int(1)), child(cost: .double(0.25)), child(cost: "5"), child(cost: .intArray([9]))]
        #expect(evaluation { $0.attributeSums = [AttributeSumRule(key: Self.cost, threshold: 1.25)] }.evaluate(spans, headSampled: false) == .attributeSum(key: Self.cost))
        #expect(evaluation { $0.attributeSums = [AttributeSumRule(key: Self.cost, threshold: 1.26)] }.evaluate(spans, headSampled: false) == nil)
    }

    @Test func theFirstAttributeSumThatIsReachedNamesTheReason() {
        let tokens = GenAI.usageOutputTokens
        let spans = [root(cost: 2), .ended("chat", trace: 1, id: 3, parent: 1, attributes: [tokens: 50_000])]
        let rules = evaluation {
            $0.slowThreshold = nil
            $0.attributeSums = [AttributeSumRule(key: tokens, threshold: 20_000), AttributeSumRule(key: Self.cost, threshold: 1)]
        }
        #expect(rules.evaluate(spans, headSampled: false) == .attributeSum(key: tokens))
    }

    @Test func headKeptMarkIsErrorThenSlowThenTheHeadSamplersReason() {
        #expect(evaluation().headKeptMark(root: root(durationMs: 900), failed: true) == .error)
        #expect(evaluation().headKeptMark(root: root(durationMs: 900), failed: false) == .slow)
        #expect(evaluation().headKeptMark(root: root(durationMs: 1, cost: 5), failed: false) == .ratio)
        #expect(evaluation { $0.slowThreshold = nil }.headKeptMark(root: root(durationMs: 900), failed: false) == .ratio)
        #expect(evaluation().headKeptMark(root: root(remoteParent: true), failed: false) == .parent)
    }

    /// A model call of the trace, with the attributes the LLM rules read.
    func chat(id: UInt64 = 3, _ attributes: Attributes, events: [SpanEvent] = []) -> SpanData {
        var span = SpanData.ended("chat", trace: 1, id: id, parent: 1, attributes: attributes)
        span.events = events
        return span
    }

    func evaluationEvent(score: Double? = nil, label: String? = nil) -> SpanEvent {
        var attributes: Attributes = [GenAI.evaluationName: "groundedness"]
        if let score { attributes[GenAI.evaluationScoreValue] = .double(score) }
        if let label { attributes[GenAI.evaluationScoreLabel] = .string(label) }
        return SpanEvent(name: GenAI.evaluationResultEvent, timeUnixNano: 1, attributes: attributes)
    }

    func llmRules(_ configure: (inout SamplingRules) -> Void) -> RuleEvaluation {
        evaluation {
            $0.slowThreshold = nil
            $0.attributeSums = []
            configure(&$0)
        }
    }

    @Test func costAndTokensAreSummedOverTheTrace() {
        let spans = [root(), chat(id: 3, [GenAI.usageCost: 0.03, GenAI.usageInputTokens: 800]), chat(id: 4, [GenAI.usageCost: 0.03, GenAI.usageOutputTokens: 300])]
        #expect(llmRules { $0.costThresholdUSD = 0.05 }.evaluate(spans, headSampled: false) == .cost)
        #expect(llmRules { $0.costThresholdUSD = 0.07 }.evaluate(spans, headSampled: false) == nil)
        #expect(llmRules { $0.tokenThreshold = 1_100 }.evaluate(spans, headSampled: false) == .tokens)
        #expect(llmRules { $0.tokenThreshold = 1_101 }.evaluate(spans, headSampled: true) == .ratio)
        #expect(llmRules { $0.costThresholdUSD = 0.05; $0.tokenThreshold = 1 }.evaluate(spans, headSampled: false) == .cost, "cost comes first")
    }

    @Test func aSlowFirstChunkOrAListedFinishReasonKeepsTheTrace() {
        let slow = [root(), chat([GenAI.responseTimeToFirstChunk: 2.5])]
        #expect(llmRules { $0.timeToFirstChunkThreshold = .seconds(2) }.evaluate(slow, headSampled: false) == .timeToFirstChunk)
        #expect(llmRules { $0.timeToFirstChunkThreshold = .seconds(3) }.evaluate(slow, headSampled: false) == nil)
        let cut = [root(), chat([GenAI.responseFinishReasons: .stringArray(["stop", "length"])])]
        #expect(llmRules { $0.finishReasons = ["length", "content_filter"] }.evaluate(cut, headSampled: false) == .finishReason)
        #expect(llmRules { $0.finishReasons = ["content_filter"] }.evaluate(cut, headSampled: false) == nil)
    }

    @Test func aLowOrFailedEvaluationKeepsTheTrace() {
        let low = [root(), chat([:], events: [evaluationEvent(score: 0.4, label: "pass")])]
        #expect(llmRules { $0.evaluationScoreBelow = 0.5 }.evaluate(low, headSampled: false) == .evaluation)
        #expect(llmRules { $0.evaluationScoreBelow = 0.4 }.evaluate(low, headSampled: false) == nil)
        let failed = [root(), chat([:], events: [evaluationEvent(label: "fail")])]
        #expect(llmRules { $0.keepFailedEvaluations = true }.evaluate(failed, headSampled: false) == .evaluation)
        #expect(llmRules { $0.evaluationScoreBelow = 0.5 }.evaluate(failed, headSampled: false) == nil, "a label alone needs keepFailedEvaluations")
    }

    @Test func theLLMRulesComeAfterSlowAndBeforeAttributeSums() {
        let spans = [root(durationMs: 900, cost: 5), chat([GenAI.usageCost: 2])]
        #expect(evaluation { $0.costThresholdUSD = 1 }.evaluate(spans, headSampled: false) == .slow)
        #expect(evaluation { $0.slowThreshold = nil; $0.costThresholdUSD = 1 }.evaluate(spans, headSampled: false) == .cost)
    }

    @Test func theLLMRulesAreReadFromTheEnvironment() {
        let configuration = TracingConfiguration(environment: [
            "LLMTRACE_SAMPLING_COST_USD": "0.25", "LLMTRACE_SAMPLING_TOKENS": "20000",
            "LLMTRACE_SAMPLING_TIME_TO_FIRST_CHUNK_MS": "3000", "LLMTRACE_SAMPLING_FINISH_REASONS": "length, content_filter",
            "LLMTRACE_SAMPLING_EVALUATION_BELOW": "0.5", "LLMTRACE_SAMPLING_KEEP_FAILED_EVALUATIONS": "true",
        ])
        let rules = configuration.samplingRules
        #expect(rules.costThresholdUSD == 0.25 && rules.tokenThreshold == 20_000 && rules.timeToFirstChunkThreshold == .seconds(3))
        #expect(rules.finishReasons == ["length", "content_filter"] && rules.evaluationScoreBelow == 0.5 && rules.keepFailedEvaluations)
        #expect(configuration.warnings.isEmpty)
        let bad = TracingConfiguration(environment: ["LLMTRACE_SAMPLING_COST_USD": "lots"])
        #expect(bad.samplingRules.costThresholdUSD == nil && bad.warnings.count == 1)
    }
}
