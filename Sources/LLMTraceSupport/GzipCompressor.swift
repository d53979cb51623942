import CDeflate

/// A gzip compressor at one level, kept for many bodies (libdeflate, whole buffers).
///
/// Kept rather than made per body: libdeflate's state for the fast levels is a few hundred
/// kilobytes, and the buffer a body is compressed into is as large as the body. Made once, they
/// cost a request one allocation, its compressed body at its own size (the gzip micro-benchmark:
/// 9 allocations per 512-span body with zlib's per-call state, 4 with this). One thread at a
/// time: the exporter keeps one beside its reused encoding buffer.
public final class GzipCompressor {
    /// libdeflate's level: 1 (fastest) to 12 (smallest); 1–9 compress about as zlib's levels do,
    /// at about twice the speed, and 0 stores without compressing.
    public let level: Int32
    private let state: OpaquePointer
    /// Where a body is compressed, before it is copied out at its own size: an array made at
    /// the bound would keep the bound's capacity, and a queued body would hold as much memory
    /// as the uncompressed one.
    private var scratch = UnsafeMutableRawBufferPointer(start: nil, count: 0)

    /// The levels libdeflate has.
    public static let levels: ClosedRange<Int32> = 0...12
    /// The levels that compress: all but 0, which stores (a gzip body larger than the input).
    public static let compressingLevels: ClosedRange<Int32> = 1...levels.upperBound

    /// - Throws: `Gzip.Error.level` for a level libdeflate does not have (it has 0–12), or
    ///   when its state cannot be allocated.
    public init(level: Int32) throws {
        guard Self.levels.contains(level), let state = libdeflate_alloc_compressor(level) else {
            throw Gzip.Error.level(level)
        }
        self.level = level
        self.state = state
    }

    /// The compressor in `kept`, or a new one at `level` left there for the next body.
    public static func reusing(_ kept: inout GzipCompressor?, level: Int32) throws -> GzipCompressor {
        if let kept { return kept }
        let made = try GzipCompressor(level: level)
        kept = made
        return made
    }

    deinit {
        libdeflate_free_compressor(state)
        scratch.deallocate()
    }

    /// `input` as one gzip member (RFC 1952), read straight from the caller's memory.
    public func compress(_ input: UnsafeRawBufferPointer) throws -> [UInt8] {
        let bound = libdeflate_gzip_compress_bound(state, input.count)
        if scratch.count < bound {
            scratch.deallocate()
            scratch = .allocate(byteCount: bound, alignment: 16)
        }
        let written = libdeflate_gzip_compress(state, input.baseAddress, input.count, scratch.baseAddress, scratch.count)
        defer {
            // Kept for the next body, unless a rare giant one grew it past a few default batches
            // (as the exporter's encoding buffer is).
            if scratch.count > Self.keptScratchLimit {
                scratch.deallocate()
                scratch = UnsafeMutableRawBufferPointer(start: nil, count: 0)
            }
        }
        // The bound always fits the output: nothing written means libdeflate failed.
        guard written > 0 else { throw Gzip.Error.deflate }
        return Array(UnsafeRawBufferPointer(rebasing: scratch[..<written]))
    }

    /// The largest buffer kept between bodies.
    static let keptScratchLimit = 4 << 20
}
