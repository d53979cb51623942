import Testing
import LLMTraceSupport

/// `bytes` gzipped by a compressor made for the call.
func gzip(_ bytes: [UInt8], level: Int32 = 6) throws -> [UInt8] {
    try bytes.withUnsafeBytes { try GzipCompressor(level: level).compress($0) }
}

@Suite struct GzipTests {
    @Test func roundTripsAndWritesTheGzipContainer() throws {
        let input = Array(String(repeating: "{\"stringValue\":\"gpt-4o-mini\"},", count: 500).utf8)
        let compressed = try gzip(input)
        #expect(compressed.prefix(2) == [0x1F, 0x8B]) // RFC 1952 magic, not a raw zlib stream
        #expect(compressed.count < input.count / 10)
        #expect(try Gzip.decompress(compressed) == input)
        #expect(try Gzip.decompress(try gzip([])) == [])
    }

    @Test func garbageFailsCleanly() {
        #expect(throws: (any Error).self) { try Gzip.decompress([0x1F, 0x8B, 1, 2, 3]) }
    }
}
