import Testing
@testable import LLMTrace

@Suite struct W3CBaggageTests {
    @Test func entriesAreReadWithPropertiesDroppedAndValuesDecoded() {
        let entries = W3CBaggage.parse(" session.id = s-1 ;ttl=30, enduser.id=u%2042,note=caf%C3%A9 ")
        #expect(entries == ["session.id": "s-1", "enduser.id": "u 42", "note": "café"])
    }

    @Test(arguments: ["no-equals", "bad key=v", "=v", "k=%zz", "k(1)=v"])
    func anInvalidEntryIsSkippedAndTheOthersKept(_ member: String) {
        #expect(W3CBaggage.parse("a=1,\(member),b=2") == ["a": "1", "b": "2"])
    }

    @Test func entriesPastTheByteLimitAreLeftOutWholeAndEntriesStopAtSixtyFour() {
        #expect(W3CBaggage.parse("k=" + String(repeating: "v", count: 8200)).isEmpty)
        #expect(W3CBaggage.parse("a=1,k=" + String(repeating: "v", count: 8200) + ",b=2") == ["a": "1"])
        let many = (0..<80).map { "k\($0)=v" }.joined(separator: ",")
        #expect(W3CBaggage.parse(many).count == 64)
    }

    @Test func writingEncodesWhatTheHeaderCannotCarryAndRoundTrips() throws {
        let entries = ["session.id": "s 1,2;3", "note": "café%", "plain": "a-b_c"]
        let header = try #require(W3CBaggage.header(for: entries))
        #expect(header == "note=caf%C3%A9%25,plain=a-b_c,session.id=s%201%2C2%3B3")
        #expect(W3CBaggage.parse(header) == entries)
    }

    @Test func writingLeavesOutWholeEntriesPastTheLimitsAndInvalidKeys() throws {
        #expect(W3CBaggage.header(for: [:]) == nil)
        #expect(W3CBaggage.header(for: ["bad key": "v"]) == nil)
        let big = ["a": String(repeating: "x", count: 5000), "b": String(repeating: "y", count: 5000), "c": "z"]
        let header = try #require(W3CBaggage.header(for: big))
        #expect(header.utf8.count <= 8192)
        #expect(Set(W3CBaggage.parse(header).keys) == ["a", "c"], "b would pass the limit: left out whole")
        let many = Dictionary(uniqueKeysWithValues: (0..<80).map { ("k\($0)", "v") })
        #expect(W3CBaggage.parse(try #require(W3CBaggage.header(for: many))).count == 64)
    }

    @Test func bytesThatAreNotUTF8BecomeTheReplacementCharacter() {
        #expect(W3CBaggage.parse("k=a%FFb") == ["k": "a\u{FFFD}b"])
    }
}
