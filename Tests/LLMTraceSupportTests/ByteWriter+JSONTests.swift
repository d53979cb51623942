import Foundation
import Testing
import LLMTraceSupport

/// What `body` writes, as text.
private func written(_ body: (inout ByteWriter) -> Void) -> String {
    var writer = ByteWriter()
    body(&writer)
    return String(decoding: writer.bytes, as: UTF8.self)
}

@Suite struct ByteWriterJSONTests {
    @Test func stringsEscapeQuotesBackslashesAndControlCharacters() {
        #expect(written { $0.string("say \"hi\"") } == #""say \"hi\"""#)
        #expect(written { $0.string(#"C:\path"#) } == #""C:\\path""#)
        #expect(written { $0.string("a\nb\rc\td\u{08}e\u{0C}") } == #""a\nb\rc\td\be\f""#)
        #expect(written { $0.string("\u{01}\u{1F}\u{7F}") } == "\"\\u0001\\u001f\u{7F}\"")
    }

    @Test func nonASCIIPassesThroughAsUTF8() {
        #expect(written { $0.string("café 漢字 👍🏽") } == "\"café 漢字 👍🏽\"")
    }

    @Test func escapesAreFoundAtEveryOffsetOfStringsOfEveryLength() throws {
        for length in 1..<40 {
            for offset in 0..<length {
                for special in ["\"", "\\", "\n", "\u{00}", "\u{1F}", "\u{7F}", "é"] {
                    var bytes = Array(repeating: UInt8(ascii: "a"), count: length)
                    bytes.replaceSubrange(offset...offset, with: Array(special.utf8))
                    let text = String(decoding: bytes, as: UTF8.self)
                    let json = written { $0.string(text) }
                    let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed) as? String
                    #expect(decoded == text, "length \(length), offset \(offset)")
                }
            }
        }
    }

    @Test func escapesAreFoundAtEveryOffsetOfALongString() throws {
        for offset in 0..<24 {
            for special in ["\"", "\\", "\n", "\u{00}"] {
                var text = String(repeating: "é", count: 3) + String(repeating: "a", count: 21)
                let index = text.index(text.startIndex, offsetBy: offset)
                text.replaceSubrange(index...index, with: special)
                let json = written { $0.string(text) }
                let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed) as? String
                #expect(decoded == text, "offset \(offset)")
            }
        }
    }

    @Test func everyControlCharacterRoundTrips() throws {
        let text = String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) })
        let json = written { $0.string(text) }
        #expect(try JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed) as? String == text)
    }

    @Test func integersAreBareDigits() {
        #expect(written { $0.digits(UInt64(0)) } == "0")
        #expect(written { $0.digits(UInt64.max) } == "18446744073709551615")
        #expect(written { $0.digits(Int64.min) } == "-9223372036854775808")
        #expect(written { $0.digits(Int64.max) } == "9223372036854775807")
        #expect(written { $0.digits(Int64(-7)) } == "-7")
        var power: UInt64 = 1
        for _ in 0..<19 {
            power *= 10
            #expect(written { $0.digits(power) } == String(power))
            #expect(written { $0.digits(power - 1) } == String(power - 1))
            #expect(written { $0.digits(power + 1) } == String(power + 1))
        }
        // Every block boundary and inner zero, and random values of every length.
        for value: UInt64 in [100_000_000, 100_000_001, 1_000_000_000_000_000_000, 10_000_000_000_000_000, 9_999_999_999_999_999,
                              1_767_225_600_000_000_001, 1_000_000_010_000_000_100, 12_345_678_909_876_543_210] {
            #expect(written { $0.digits(value) } == String(value))
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let value = generator.next() as UInt64 >> UInt64.random(in: 0...63, using: &generator)
            #expect(written { $0.digits(value) } == String(value), "\(value)")
        }
    }

    @Test func sixtyFourBitIntegersCanBeQuoted() {
        #expect(written { $0.quotedDigits(UInt64(1_767_225_600_000_000_000)) } == "\"1767225600000000000\"")
        #expect(written { $0.quotedDigits(Int64(-42)) } == "\"-42\"")
    }

    @Test func doublesUseTheProtobufJSONForms() {
        #expect(written { $0.double(.nan) } == "\"NaN\"")
        #expect(written { $0.double(.infinity) } == "\"Infinity\"")
        #expect(written { $0.double(-.infinity) } == "\"-Infinity\"")
        #expect(written { $0.double(1.0) } == "1")
        #expect(written { $0.double(-0.0) } == "-0.0", "the sign of zero is kept, as protobuf keeps it")
        #expect(written { $0.double(0.0) } == "0")
        #expect(written { $0.double(0.25) } == "0.25")
        #expect(written { $0.double(123_456_789_012_345) } == "123456789012345")
        for value in [1e-5, 5e20, -2.5e-300, 0.1 + 0.2] {
            let json = written { $0.double(value) }
            #expect(Double(json) == value, "\(json)")
        }
    }

    /// Decimals with up to 15 fraction digits take a short path of their own: it must write
    /// the fewest fraction digits that read back as the same double, and anything else must
    /// still read back exactly.
    @Test func doublesWithShortDecimalsAreWrittenAsDecimalsThatReadBackExactly() {
        #expect(written { $0.double(0.87) } == "0.87")
        #expect(written { $0.double(0.2) } == "0.2")
        #expect(written { $0.double(0.000737) } == "0.000737")
        #expect(written { $0.double(-1523.5) } == "-1523.5")
        #expect(written { $0.double(0.0001) } == "0.0001")
        #expect(written { $0.double(1e-7) } == "1e-07", "below 1e-4 the exponent form is the shorter")
        #expect(written { $0.double(0.1 + 0.2) } == (0.1 + 0.2).description, "no 15-digit decimal reads back as it")
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = []
        for _ in 0..<20_000 {
            values.append(Double(bitPattern: generator.next()))
            values.append(Double(Int.random(in: -1_000_000...1_000_000, using: &generator)) / [10, 100, 1000, 1e6, 1e9].randomElement(using: &generator)!)
            values.append(Double.random(in: -1e6...1e6, using: &generator))
        }
        for value in values where value.isFinite {
            let json = written { $0.double(value) }
            #expect(Double(json) == value, "\(value.bitPattern): \(json)")
            #expect(json.allSatisfy { $0.isNumber || "-.e+".contains($0) }, "\(json) is a JSON number")
            if value != value.rounded(.towardZero) {
                // The short path writes the very text of Swift's shortest form, only faster.
                #expect(json == value.description, "\(value.bitPattern)")
            }
        }
    }

    @Test func hexIDsAreQuotedLowercaseAndPadded() {
        #expect(written { $0.quotedHex(0xAB) } == "\"00000000000000ab\"")
        #expect(written { $0.quotedHex(high: 0x0123_4567_89AB_CDEF, low: 1) } == "\"0123456789abcdef0000000000000001\"")
        #expect(written { $0.quotedHex(.max) } == "\"ffffffffffffffff\"")
        #expect(written { $0.quotedHex(0) } == "\"0000000000000000\"")
        // Every nibble value in every position, and values from a generator, against the
        // standard library's own hex.
        var generator = SystemRandomNumberGenerator()
        let values = (0..<16).map { UInt64($0) * 0x1111_1111_1111_1111 } + [0xFEDC_BA98_7654_3210, 0x9A0F_F0A9_0909_AFAF]
            + (0..<1_000).map { _ in UInt64.random(in: .min ... .max, using: &generator) }
        for value in values {
            let hex = String(value, radix: 16)
            #expect(written { $0.quotedHex(value) } == "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\"")
        }
    }

    @Test func growsPastItsCapacityAndResetsForReuse() {
        var writer = ByteWriter(capacity: 1)
        let long = String(repeating: "x", count: 10_000)
        writer.raw("[")
        writer.string(long)
        writer.raw(UInt8(ascii: "]"))
        #expect(writer.count == 10_004)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "[\"\(long)\"]")
        writer.reset(keepingAtMost: 128)
        #expect(writer.count == 0)
        writer.string("again")
        #expect(writer.withUnsafeBytes { Array($0) } == Array("\"again\"".utf8))
    }
}
