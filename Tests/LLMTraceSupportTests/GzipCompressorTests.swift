import Testing
import LLMTraceSupport

@Suite struct GzipCompressorTests {
    private static func body(_ seed: Int) -> [UInt8] {
        Array((0..<400).map { "{\"key\":\"gen_ai.request.model\",\"value\":{\"intValue\":\"\($0 * seed)\"}}," }.joined().utf8)
    }

    @Test func oneCompressorServesBodyAfterBody() throws {
        let compressor = try GzipCompressor(level: 1)
        for seed in 1...5 {
            let input = Self.body(seed)
            let compressed = try input.withUnsafeBytes { try compressor.compress($0) }
            #expect(compressed.prefix(2) == [0x1F, 0x8B])
            #expect(compressed.count < input.count / 4)
            #expect(try Gzip.decompress(compressed) == input)
        }
    }

    @Test(arguments: [0, 1, 2, 6, 9, 12] as [Int32])
    func everyLevelInflatesWithZlib(level: Int32) throws {
        let input = Self.body(7)
        let compressed = try input.withUnsafeBytes { try GzipCompressor(level: level).compress($0) }
        #expect(try Gzip.decompress(compressed) == input)
    }

    @Test func aBodyHoldsItsCompressedSizeNotTheBound() throws {
        // A queued body must hold the memory its byte count says: the bound is about the
        // uncompressed size.
        let compressor = try GzipCompressor(level: 1)
        for seed in 1...3 {
            let input = Self.body(seed)
            let compressed = try input.withUnsafeBytes { try compressor.compress($0) }
            #expect(compressed.capacity < compressed.count + 64)
            #expect(compressed.capacity < input.count / 4)
        }
    }

    @Test func aGiantBodyAndTheNextOneBothRoundTrip() throws {
        // Past the kept limit the buffer is let go after the body; the next one makes its own.
        let compressor = try GzipCompressor(level: 1)
        var giant = [UInt8](repeating: 0, count: 5 << 20)
        for i in giant.indices { giant[i] = UInt8(truncatingIfNeeded: i &* 2654435761 >> 13) }
        let packed = try giant.withUnsafeBytes { try compressor.compress($0) }
        #expect(try Gzip.decompress(packed, limit: 8 << 20) == giant)
        let small = Self.body(2)
        #expect(try Gzip.decompress(try small.withUnsafeBytes { try compressor.compress($0) }) == small)
    }

    /// `count` bytes that do not compress, the same at every run: SplitMix64's output.
    private static func noise(_ count: Int) -> [UInt8] {
        (0..<count).map { index in
            var z = UInt64(index) &* 0x9E37_79B9_7F4A_7C15
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return UInt8(truncatingIfNeeded: z ^ (z >> 31))
        }
    }

    /// Bytes that do not compress go out in stored blocks: the bound holds them, at any size
    /// around igzip's 64 KiB block, one compressor growing its buffer from size to size.
    @Test(arguments: [0, 1, 6] as [Int32])
    func incompressibleBytesRoundTrip(level: Int32) throws {
        let compressor = try GzipCompressor(level: level)
        for count in [1, 4_095, 65_535, 65_536, 65_537, 1_000_003] {
            let input = Self.noise(count)
            let compressed = try input.withUnsafeBytes { try compressor.compress($0) }
            #expect(compressed.count <= count + count / 4096 + 1024)
            #expect(try Gzip.decompress(compressed, limit: 2 << 20) == input)
        }
    }

    /// Level 1 is igzip's, the others libdeflate's: told apart by the gzip header's extra flags
    /// (byte 8), which igzip leaves 0 and libdeflate sets to 4 ("fastest") at levels 0 and 1.
    @Test func levelOneIsIgzipsAndLevelZeroLibdeflates() throws {
        let input = Self.body(5)
        let one = try gzip(input, level: 1)
        let zero = try gzip(input, level: 0)
        #expect(one[8] == 0)
        #expect(zero[8] == 4)
        #expect(one.count < zero.count / 4)
        #expect(try Gzip.decompress(one) == input)
    }

    @Test func higherLevelsAreNoLarger() throws {
        let input = Self.body(3)
        let fastest = try gzip(input, level: 1)
        let smallest = try gzip(input, level: 9)
        #expect(smallest.count <= fastest.count)
    }

    @Test(arguments: [-1, 13, 100] as [Int32])
    func aLevelThereIsNotIsRefused(level: Int32) {
        #expect(throws: Gzip.Error.level(level)) { try GzipCompressor(level: level) }
    }

    @Test func emptyInputIsAnEmptyMember() throws {
        let compressed = try [UInt8]().withUnsafeBytes { try GzipCompressor(level: 1).compress($0) }
        #expect(try Gzip.decompress(compressed) == [])
    }

    @Test func crc32IsGzipsChecksum() {
        // The CRC-32 check value of RFC 1952's polynomial.
        #expect(Array("123456789".utf8).withUnsafeBytes { Gzip.crc32($0) } == 0xCBF4_3926)
        #expect([UInt8]().withUnsafeBytes { Gzip.crc32($0) } == 0)
    }
}
