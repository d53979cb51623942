import Testing
@testable import LLMTrace

@Suite struct StringUTF8EqualityTests {
    /// Small (inline) and large strings of every length up to a few words, differing at every
    /// byte: the word-wise comparison must see each difference, the overlapping last word too.
    @Test func aDifferenceAtAnyByteIsSeen() {
        for length in 0...40 {
            let base = String((0..<length).map { Character(Unicode.Scalar(UInt8(97 + $0 % 26))) })
            let copy = String(decoding: Array(base.utf8), as: UTF8.self)
            #expect(base.hasSameUTF8(as: copy), "\(length)")
            #expect(!base.hasSameUTF8(as: base + "x"))
            for position in 0..<length {
                var bytes = Array(base.utf8)
                bytes[position] = UInt8(ascii: "_")
                #expect(!base.hasSameUTF8(as: String(decoding: bytes, as: UTF8.self)), "\(length) at \(position)")
            }
        }
    }

    /// Bytes, not canonical equivalence: OTLP keys are byte strings, and two spellings of the
    /// same text, of the same byte count (combining marks in either order), are two keys.
    @Test func canonicallyEquivalentSpellingsAreDifferentKeys() {
        let one = "e\u{301}\u{327}.name"
        let other = "e\u{327}\u{301}.name"
        #expect(one == other && one.utf8.count == other.utf8.count)
        #expect(!one.hasSameUTF8(as: other))
        var attributes = Attributes()
        attributes[one] = "a"
        attributes[other] = "b"
        #expect(attributes.count == 2)
        #expect(attributes["gen_ai.request.model"] == nil)
        attributes["gen_ai.provider.name"] = "openai"
        attributes["gen_ai.request.model"] = "m"
        attributes["gen_ai.request.model"] = "n"
        #expect(attributes.count == 4 && attributes["gen_ai.request.model"] == "n" && attributes["gen_ai.provider.name"] == "openai")
    }

    /// The same literal, the same storage and the same small string are equal at once; a copy
    /// in other storage still compares by its bytes.
    @Test func theSameStringIsEqualWhateverItsStorage() {
        let literal = GenAI.operationName
        #expect(literal.hasSameUTF8(as: GenAI.operationName))
        let shared = String(repeating: "k", count: 40)
        let alias = shared
        #expect(shared.hasSameUTF8(as: alias))
        #expect("short".hasSameUTF8(as: String("trohs".reversed())))
        let elsewhere = String(decoding: Array(literal.utf8), as: UTF8.self)
        #expect(literal.hasSameUTF8(as: elsewhere) && elsewhere.hasSameUTF8(as: literal))
        #expect(!literal.hasSameUTF8(as: GenAI.responseModel), "same byte count, other bytes")
    }
}
