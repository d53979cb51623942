import Testing
import LLMTraceSupport

@Suite struct ByteWriterProtobufTests {
    private func bytes(_ write: (inout ByteWriter) -> Void) -> [UInt8] {
        var writer = ByteWriter(capacity: 8)
        write(&writer)
        return writer.bytes
    }

    @Test func varintsTakeSevenBitsPerByte() {
        #expect(bytes { $0.varint(0) } == [0])
        #expect(bytes { $0.varint(127) } == [0x7F])
        #expect(bytes { $0.varint(128) } == [0x80, 0x01])
        #expect(bytes { $0.varint(300) } == [0xAC, 0x02])
        #expect(bytes { $0.varint(.max) } == [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
        for value: UInt64 in [0, 1, 127, 128, 16383, 16384, 1 << 35, .max] {
            #expect(ByteWriter.varintSize(value) == bytes { $0.varint(value) }.count, "\(value)")
        }
    }

    @Test func fieldsHaveTheirWireTypes() {
        #expect(bytes { $0.uint(1, 150) } == [0x08, 0x96, 0x01])
        #expect(bytes { $0.int(3, -1) } == [0x18] + [UInt8](repeating: 0xFF, count: 9) + [0x01])
        #expect(bytes { $0.bool(2, true) } == [0x10, 0x01])
        #expect(bytes { $0.fixed64(7, 1) } == [0x39, 1, 0, 0, 0, 0, 0, 0, 0])
        #expect(bytes { $0.fixed32(16, 0x301) } == [0x85, 0x01, 0x01, 0x03, 0, 0])
        #expect(bytes { $0.double(4, 1.5) } == [0x21, 0, 0, 0, 0, 0, 0, 0xF8, 0x3F])
        #expect(bytes { $0.string(2, "testing") } == [0x12, 0x07] + Array("testing".utf8))
        #expect(bytes { $0.string(1, "") } == [0x0A, 0x00])
        #expect(bytes { $0.id(2, 0x0102_0304_0506_0708) } == [0x12, 0x08, 1, 2, 3, 4, 5, 6, 7, 8])
        #expect(bytes { $0.id(1, high: 1, low: 2) } == [0x0A, 0x10, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2])
        #expect(bytes { $0.packedFixed64(6, [1, 2]) } == [0x32, 0x10, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0])
        #expect(bytes { $0.packedDouble(7, []) }.isEmpty)
    }

    /// Nested messages of every length class: the length is filled in, the content moved along
    /// when it needs more than one byte, and outer messages stay right around inner ones.
    @Test(arguments: [0, 1, 127, 128, 300, 16383, 16384, 100_000])
    func nestedMessagesGetTheirLength(contentLength: Int) throws {
        let content = String(repeating: "x", count: contentLength)
        let encoded = bytes { w in
            let outer = w.beginMessage(1)
            w.uint(1, 7)
            let inner = w.beginMessage(2)
            w.string(3, content)
            w.endMessage(inner)
            w.uint(4, 9)
            w.endMessage(outer)
        }
        let top = try #require(ProtobufReader.fields(encoded[...]))
        #expect(top.count == 1 && top[0].field == 1)
        guard case .bytes(let outerBytes) = top[0].value else { Issue.record("outer"); return }
        let outer = try #require(ProtobufReader.fields(outerBytes))
        #expect(outer.map(\.field) == [1, 2, 4])
        #expect(outer[0].value == .varint(7) && outer[2].value == .varint(9))
        guard case .bytes(let innerBytes) = outer[1].value else { Issue.record("inner"); return }
        let inner = try #require(ProtobufReader.fields(innerBytes))
        guard case .bytes(let text) = inner.first?.value else { Issue.record("text"); return }
        #expect(text.count == contentLength && text.allSatisfy { $0 == UInt8(ascii: "x") })
    }
}
