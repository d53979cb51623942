import Testing
import LLMTraceSupport

@Suite struct ByteWriterTests {
    /// Distinct bytes, so a byte copied to the wrong place or from the wrong place shows.
    private static func pattern(_ count: Int, from start: UInt8) -> [UInt8] {
        (0..<count).map { start &+ UInt8(truncatingIfNeeded: $0 &* 7) }
    }

    @Test func runsOfEveryLengthArriveWholeBetweenOtherWrites() {
        for count in 0...70 {
            var writer = ByteWriter(capacity: 1)
            let run = Self.pattern(count, from: UInt8(count))
            writer.raw(UInt8(ascii: "<"))
            run.withUnsafeBytes { writer.bytes(1, $0) }
            writer.raw(UInt8(ascii: ">"))
            let expected = [UInt8(ascii: "<"), 0x0A, UInt8(count)] + run + [UInt8(ascii: ">")]
            #expect(writer.bytes == expected, "\(count) bytes")
        }
    }

    @Test func jsonStringsOfEveryLengthArriveWhole() {
        for count in 0...70 {
            var writer = ByteWriter(capacity: 1)
            let text = String(decoding: (0..<count).map { UInt8(ascii: "a") &+ UInt8($0 % 26) }, as: UTF8.self)
            writer.string(text)
            writer.raw(UInt8(ascii: ","))
            #expect(writer.bytes == Array("\"\(text)\",".utf8), "\(count) bytes")
        }
    }
}
