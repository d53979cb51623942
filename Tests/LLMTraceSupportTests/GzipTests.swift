import Testing
@testable import LLMTraceSupport

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

    /// A gzip body is inflated in one call into a buffer of the size its trailer states; what
    /// that path cannot take (a stated size over the limit, a false or impossible one, two
    /// members) goes through zlib as before, with the same results.
    @Test func aBodyOfStatedSizeIsInflatedWholeAndTheRestAsBefore() throws {
        let input = Array(String(repeating: "{\"key\":\"gen_ai.request.model\"},", count: 2_000).utf8)
        let compressed = try gzip(input, level: 1)
        #expect(Gzip.inflatedWhole(compressed, limit: 1 << 20) == input)
        #expect(Gzip.inflatedWhole(try gzip([]), limit: 1 << 20) == [])

        // Over the limit: zlib refuses it once the output passes the limit.
        #expect(Gzip.inflatedWhole(compressed, limit: input.count - 1) == nil)
        #expect(throws: (any Error).self) { try Gzip.decompress(compressed, limit: input.count - 1) }
        #expect(try Gzip.decompress(compressed, limit: input.count) == input)

        // A trailer that states another size: both checks refuse it.
        var misstated = compressed
        misstated[misstated.count - 4] &+= 1
        #expect(Gzip.inflatedWhole(misstated, limit: 1 << 20) == nil)
        #expect(throws: (any Error).self) { try Gzip.decompress(misstated) }

        // A trailer that states more than DEFLATE can expand to: refused before any buffer of
        // that size is made.
        let bogus: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0x00, 0x00, 0x00, 0x03]
        #expect(Gzip.inflatedWhole(bogus, limit: 64 << 20) == nil)
        #expect(throws: (any Error).self) { try Gzip.decompress(bogus) }

        // Two members: zlib inflates the first, as it always did.
        let second = try gzip(Array("more".utf8))
        #expect(Gzip.inflatedWhole(compressed + second, limit: 1 << 20) == nil)
        #expect(try Gzip.decompress(compressed + second) == input)
    }
}
