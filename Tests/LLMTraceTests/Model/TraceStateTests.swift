import Testing
@testable import LLMTrace

@Suite struct TraceStateTests {
    @Test func traceStateRules() {
        #expect(TraceState(header: "a=1,a=2") == nil)
        #expect(TraceState(header: (0..<33).map { "k\($0)=v" }.joined(separator: ",")) == nil)
        #expect(TraceState(header: "tenant@system=v")?["tenant@system"] == "v")
        #expect(TraceState(header: "k=v,,") != nil)
        let updated = TraceState(header: "a=1,b=2")?.setting("b", "3")
        #expect(updated?.header == "b=3,a=1")
    }

    @Test func thirtyTwoEntriesAreAllowedAndSettingANewKeyDropsTheOldest() throws {
        let full = try #require(TraceState(header: (0..<32).map { "k\($0)=v" }.joined(separator: ",")))
        #expect(full.entries.count == 32)
        let updated = try #require(full.setting("new", "1"))
        #expect(updated.entries.count == 32)
        #expect(updated.entries.first?.key == "new")
        #expect(updated["k31"] == nil)
        #expect(updated["k0"] == "v")
    }

    @Test(arguments: ["Upper=v", "a@b@c=v", "k=", "k=a,b", "novalue", "k=\u{7F}", "k=x=y"])
    func aMalformedMemberDropsTheWholeHeader(_ header: String) {
        #expect(TraceState(header: "ok=1,\(header)") == nil)
    }

    @Test func settingRefusesInvalidKeysAndValues() {
        let state = TraceState()
        #expect(state.setting("Bad", "v") == nil)
        #expect(state.setting("k", "a=b") == nil)
        #expect(state.setting("k", "fine")?.header == "k=fine")
        #expect(state.isEmpty && state.header.isEmpty)
    }

    @Test(arguments: ["@b=v", "_a=v", "a@b@c=v", "A=v"])
    func aKeyStartsWithALowercaseLetterOrDigitAndHasAtMostOneAt(_ member: String) {
        #expect(TraceState(header: member) == nil)
    }

    @Test func aTenantMayStartWithADigit() {
        #expect(TraceState(header: "1tenant@vendor=v")?["1tenant@vendor"] == "v")
    }
}
