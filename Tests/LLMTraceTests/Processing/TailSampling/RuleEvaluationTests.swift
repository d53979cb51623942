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

    @Test func headKeptMarkIsErrorThenSlowThenNothing() {
        #expect(evaluation().headKeptMark(root: root(durationMs: 900), failed: true) == .error)
        #expect(evaluation().headKeptMark(root: root(durationMs: 900), failed: false) == .slow)
        #expect(evaluation().headKeptMark(root: root(durationMs: 1, cost: 5), failed: false) == nil)
        #expect(evaluation { $0.slowThreshold = nil }.headKeptMark(root: root(durationMs: 900), failed: false) == nil)
    }
}
