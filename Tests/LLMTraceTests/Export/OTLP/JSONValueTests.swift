import FoundationEssentials
import Testing
@testable import LLMTrace

@Suite struct JSONValueTests {
    func read(_ text: String) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) }

    @Test func readsObjectsStringsAndNumbersAndPassesOverTheRest() throws {
        let value = try read(#"{"a":{"b":"text","c":12.5},"list":[1,true,null,{"d":"e"}],"flag":false,"nothing":null}"#)
        guard case .object(let object) = value, case .object(let inner)? = object["a"] else {
            Issue.record("not an object: \(value)")
            return
        }
        #expect(inner["b"] == .string("text"))
        #expect(inner["c"] == .number(12.5))
        #expect(object["list"] == .other)
        #expect(object["flag"] == .other)
        #expect(object["nothing"] == .other)
    }

    @Test func anIntegerIsReadFromANumberOrAString() throws {
        #expect(try read(#""42""#).integer == 42)
        #expect(try read("7").integer == 7)
        #expect(try read("7.9").integer == 7)
        #expect(try read(#""seven""#).integer == nil)
        #expect(try read("1e300").integer == nil)
        #expect(try read("true").integer == nil)
    }

    @Test func notJSONThrows() {
        #expect(throws: (any Error).self) { try read("not json") }
    }
}
