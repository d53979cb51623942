import Testing
import LLMTraceSupport

@Suite struct ProtobufReaderTests {
    @Test func readsEveryWireType() throws {
        var writer = ByteWriter()
        writer.uint(1, 300)
        writer.fixed64(2, 0x0102_0304_0506_0708)
        writer.string(3, "hi")
        writer.fixed32(4, 5)
        let fields = try #require(ProtobufReader.fields(writer.bytes[...]))
        #expect(fields.map(\.field) == [1, 2, 3, 4])
        #expect(fields[0].value == .varint(300))
        #expect(fields[1].value == .fixed64(0x0102_0304_0506_0708))
        #expect(fields[2].value == .bytes(Array("hi".utf8)[...]))
        #expect(fields[3].value == .fixed32(5))
        #expect(ProtobufReader.fields([][...])?.isEmpty == true)
    }

    @Test(arguments: [
        [0x0A, 0x05, 0x61],            // a length past the end
        [0x08, 0x80],                   // a varint that never ends
        [0x09, 0x01, 0x02],             // a fixed64 cut short
        [0x0B],                         // wire type 3 (groups): not used by OTLP
        [0x00, 0x01],                   // field number 0
        Array("{\"partialSuccess\":{}}".utf8),
    ])
    func rejectsWhatIsNotWellFormed(_ bytes: [UInt8]) {
        #expect(ProtobufReader.fields(bytes[...]) == nil)
    }
}
