import Testing
import LLMTrace

@Suite struct AttributeSumRuleTests {
    @Test func parsesKeyGreaterOrEqualNumber() {
        #expect(AttributeSumRule(parsing: "gen_ai.usage.cost>=0.5") == AttributeSumRule(key: "gen_ai.usage.cost", threshold: 0.5))
        #expect(AttributeSumRule(parsing: " tokens \t>= 20000 ") == AttributeSumRule(key: "tokens", threshold: 20_000))
    }

    @Test(arguments: ["", "cost", "cost>0.5", ">=1", "cost>=", "cost>=abc", "cost>=inf", "cost>=nan"])
    func refusesMalformedRules(_ text: String) {
        #expect(AttributeSumRule(parsing: text) == nil)
    }

    @Test func theRuleNameAndDescriptionNameTheKey() {
        let rule = AttributeSumRule(key: "gen_ai.usage.cost", threshold: 0.5)
        #expect(rule.ruleName == "attribute:gen_ai.usage.cost")
        #expect(rule.description == "gen_ai.usage.cost>=0.5")
    }
}
