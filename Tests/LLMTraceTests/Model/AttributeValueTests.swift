import Testing
@testable import LLMTrace

@Suite struct AttributeValueTests {
    @Test func onlyIntegersAndDoublesAreNumeric() {
        #expect(AttributeValue.int(3).numericValue == 3)
        #expect(AttributeValue.double(0.5).numericValue == 0.5)
        #expect(AttributeValue.string("3").numericValue == nil)
        #expect(AttributeValue.bool(true).numericValue == nil)
        #expect(AttributeValue.intArray([1]).numericValue == nil)
    }

    @Test func truncationCutsStringsAndEachStringOfAnArrayOnly() {
        #expect(AttributeValue.string("abcdef").truncated(toCharacters: 3) == (.string("abc"), true))
        #expect(AttributeValue.string("abc").truncated(toCharacters: 3) == (.string("abc"), false))
        #expect(AttributeValue.stringArray(["abcd", "ab"]).truncated(toCharacters: 3) == (.stringArray(["abc", "ab"]), true))
        #expect(AttributeValue.int(123_456).truncated(toCharacters: 1) == (.int(123_456), false))
        #expect(AttributeValue.string("abcdef").truncated(toCharacters: nil) == (.string("abcdef"), false))
    }

    @Test func literalsMakeTheMatchingCase() {
        let values: [AttributeValue] = ["text", 1, 0.5, true]
        #expect(values == [.string("text"), .int(1), .double(0.5), .bool(true)])
    }

    @Test func descriptionsAreReadable() {
        #expect(AttributeValue.string("gpt-4o").description == "gpt-4o")
        #expect(AttributeValue.stringArray(["stop", "length"]).description == "[stop, length]")
        #expect(AttributeValue.intArray([1, 2]).description == "[1, 2]")
        #expect(AttributeValue.bool(false).description == "false")
    }
}
