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

    /// The same writes through a kept writer and into an array, at capacities from none to
    /// plenty: the array holds exactly what the writer would, whether the body fits the guess,
    /// fills it to the byte, or outgrows it partway (and then keeps being written, with a
    /// protobuf length filled in behind the move).
    @Test func anArrayHoldsWhatAWriterWouldAtEveryCapacity() {
        let run = Self.pattern(150, from: 3)
        let write = { (writer: inout ByteWriter) in
            let message = writer.beginMessage(1)
            run.withUnsafeBytes { writer.bytes(2, $0) }
            writer.string("text with \"quotes\"")
            writer.endMessage(message)
            writer.raw(UInt8(ascii: "!"))
        }
        var reference = ByteWriter()
        write(&reference)
        let expected = reference.bytes
        for capacity in [0, 1, 63, 64, 100, expected.count - 1, expected.count, expected.count + 1, 4096] {
            let array = ByteWriter.array(capacity: capacity, write)
            #expect(array == expected, "capacity \(capacity)")
        }
    }

    private struct Stop: Error {}

    /// A body that throws leaves no array and frees what it wrote, in the array's memory or, once
    /// outgrown, in the writer's (the sanitizer runs catch a double free or a leak).
    @Test func aThrowingBodyLeavesNothing() {
        for capacity in [64, 4] {
            #expect(throws: Stop.self) {
                _ = try ByteWriter.array(capacity: capacity) { writer in
                    for _ in 0..<100 { writer.raw(UInt8(ascii: "x")) }
                    throw Stop()
                }
            }
        }
    }

    /// A fragment written again lands whole, when the writer has to grow for it and when the
    /// body moved out of an array's memory after the fragment was written.
    @Test func aRepeatedFragmentIsTheSameBytesWhereverItWasWritten() {
        let run = Self.pattern(40, from: 9)
        let write = { (writer: inout ByteWriter) in
            writer.raw(UInt8(ascii: "<"))
            run.withUnsafeBytes { writer.bytes(1, $0) }
            for _ in 0..<20 { writer.repeatWritten(from: 1, count: 42) }
        }
        let expected = [UInt8(ascii: "<")] + Array(repeating: [0x0A, 40] + run, count: 21).flatMap { $0 }
        var small = ByteWriter(capacity: 1)
        write(&small)
        #expect(small.bytes == expected)
        #expect(ByteWriter.array(capacity: 64, write) == expected)
    }
}
