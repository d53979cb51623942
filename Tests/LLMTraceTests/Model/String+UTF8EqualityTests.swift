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

    /// Bytes, not canonical equivalence: OTLP keys are byte strings, and two spellings of `é`
    /// are two keys.
    @Test func canonicallyEquivalentSpellingsAreDifferentKeys() {
        let composed = "caf\u{E9}.name"
        let decomposed = "cafe\u{301}.name"
        #expect(composed == decomposed)
        #expect(!composed.hasSameUTF8(as: decomposed))
        var attributes = Attributes()
        attributes[composed] = "a"
        attributes[decomposed] = "b"
        #expect(attributes.count == 2)
        #expect(attributes["gen_ai.request.model"] == nil)
        attributes["gen_ai.provider.name"] = "openai"
        attributes["gen_ai.request.model"] = "m"
        attributes["gen_ai.request.model"] = "n"
        #expect(attributes.count == 4 && attributes["gen_ai.request.model"] == "n" && attributes["gen_ai.provider.name"] == "openai")
    }
}
