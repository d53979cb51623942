import Testing
import LLMTraceSupport

@Suite struct HexTests {
    @Test func writesSixteenLowercaseDigitsAtTheOffset() {
        var bytes = [UInt8](repeating: UInt8(ascii: "."), count: 20)
        bytes.withUnsafeMutableBufferPointer { Hex.write(0xAB_CDEF, into: $0, at: 2) }
        #expect(String(decoding: bytes, as: UTF8.self) == "..0000000000abcdef..")
    }

    @Test func parsesHexAndRefusesUpperCaseWhenAsked() {
        let upper = Array("00F067AA0BA902B7".utf8)[...]
        #expect(Hex.parseUInt64(upper, lowercaseOnly: false) == 0x00f0_67aa_0ba9_02b7)
        #expect(Hex.parseUInt64(upper, lowercaseOnly: true) == nil)
        #expect(Hex.parseUInt64(Array("ffffffffffffffff".utf8)[...], lowercaseOnly: true) == .max)
        #expect(Hex.parseUInt64(Array("12g4".utf8)[...], lowercaseOnly: false) == nil)
    }

    @Test func nibblesAreTheSixteenDigits() {
        for (index, digit) in Hex.digits.enumerated() {
            #expect(Hex.nibble(digit, lowercaseOnly: true) == UInt8(index))
        }
        #expect(Hex.nibble(UInt8(ascii: "F"), lowercaseOnly: false) == 15)
        #expect(Hex.nibble(UInt8(ascii: "F"), lowercaseOnly: true) == nil)
        #expect(Hex.nibble(UInt8(ascii: "g"), lowercaseOnly: false) == nil)
    }
}
