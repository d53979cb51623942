import Testing
@testable import LLMTrace

@Suite struct AttributesTests {
    @Test func keepsTheOrderKeysWereFirstSet() {
        var attributes: Attributes = ["b": 1, "a": 2]
        attributes["c"] = 3
        attributes["b"] = 10
        #expect(attributes.map(\.key) == ["b", "a", "c"])
        #expect(attributes["b"] == 10)
    }

    @Test func aLaterDuplicateOverwritesAnEarlierOne() {
        let attributes = Attributes([(key: "k", value: "first"), (key: "other", value: 1), (key: "k", value: "second")])
        #expect(attributes.count == 2)
        #expect(attributes["k"] == "second")
    }

    @Test func settingNilRemovesAndEmptyKeysAreIgnored() {
        var attributes: Attributes = ["a": 1, "": 2]
        #expect(attributes.map(\.key) == ["a"])
        attributes[""] = 3
        attributes["a"] = nil
        #expect(attributes.isEmpty)
    }

    @Test func theCountLimitRefusesNewKeysButNotOverwrites() {
        var attributes = Attributes()
        let results = [
            attributes.set("a", 1, countLimit: 2),
            attributes.set("b", 2, countLimit: 2),
            attributes.set("c", 3, countLimit: 2),
            attributes.set("a", 4, countLimit: 2),
            attributes.set("", 5, countLimit: 2), // ignored, not counted as dropped
        ]
        #expect(results == [true, true, false, true, true])
        #expect(attributes.map(\.key) == ["a", "b"])
        #expect(attributes["a"] == 4)
    }
}
