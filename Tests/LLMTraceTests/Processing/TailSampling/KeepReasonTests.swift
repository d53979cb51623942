import Testing
@testable import LLMTrace

@Suite struct KeepReasonTests {
    @Test func attributeValuesAreTheDocumentedRuleNames() {
        #expect(KeepReason.error.attributeValue == "error")
        #expect(KeepReason.slow.attributeValue == "slow")
        #expect(KeepReason.attributeSum(key: "gen_ai.usage.cost").attributeValue == "attribute:gen_ai.usage.cost")
        #expect(KeepReason.parent.attributeValue == "parent")
        #expect(KeepReason.ratio.attributeValue == "ratio")
        let rule = AttributeSumRule(key: "gen_ai.usage.output_tokens", threshold: 20_000)
        #expect(KeepReason.attributeSum(key: rule.key).attributeValue == rule.ruleName)
    }

    @Test func onlyParentAndRatioAreHeadDecisions() {
        #expect(KeepReason.parent.isHeadDecision)
        #expect(KeepReason.ratio.isHeadDecision)
        #expect(!KeepReason.error.isHeadDecision)
        #expect(!KeepReason.slow.isHeadDecision)
        #expect(!KeepReason.attributeSum(key: "k").isHeadDecision)
    }
}
