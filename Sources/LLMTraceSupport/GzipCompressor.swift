import CDeflate
import CIgzip

/// A gzip compressor at one level, kept for many bodies (whole buffers).
///
/// Level 1, the exporter's default, is ISA-L's igzip; the other levels are libdeflate's. On the
/// benchmark's span bodies igzip's level 1 takes about a third of libdeflate's time and is no
/// larger (protobuf 31.3 bytes a span against 31.7, JSON 41.5 against 45.2); on prose it is
/// some 8 % larger, still at twice the speed. A level above 1 asks for smaller bodies, and
/// libdeflate's levels 2–12 give them (igzip's own levels 2 and 3 are no smaller here).
///
/// Kept rather than made per body: the compressor's state is some 80 KB (igzip) or a few hundred
/// (libdeflate), and the buffer a body is compressed into is as large as the body. Made once,
/// they cost a request one allocation, its compressed body at its own size (the gzip
/// micro-benchmark: 9 allocations per 512-span body with zlib's per-call state, 4 with this).
/// One thread at a time: the exporter keeps one beside its reused encoding buffer.
public final class GzipCompressor {
    /// 0 stores without compressing; 1 (fastest) is igzip's; 2–12 are libdeflate's, where 2–9
    /// compress about as zlib's levels do, at about twice the speed, and 12 is the smallest.
    public let level: Int32
    private let engine: Engine
    /// Where a body is compressed, before it is copied out at its own size: an array made at
    /// the bound would keep the bound's capacity, and a queued body would hold as much memory
    /// as the uncompressed one.
    private var scratch = UnsafeMutableRawBufferPointer(start: nil, count: 0)

    private enum Engine {
        /// igzip's one-shot stream; `isal_deflate_stateless_init` resets it for each body.
        case igzip(UnsafeMutablePointer<isal_zstream>)
        case libdeflate(OpaquePointer)
    }

    /// The levels there are.
    public static let levels: ClosedRange<Int32> = 0...12
    /// The levels that compress: all but 0, which stores (a gzip body larger than the input).
    public static let compressingLevels: ClosedRange<Int32> = 1...levels.upperBound
    /// The level igzip compresses at.
    static let igzipLevel: Int32 = 1

    /// - Throws: `Gzip.Error.level` for a level there is not (there are 0–12), or when
    ///   libdeflate's state cannot be allocated.
    public init(level: Int32) throws {
        guard Self.levels.contains(level) else { throw Gzip.Error.level(level) }
        if level == Self.igzipLevel {
            // Zeroed in place, as bytes, then bound to the stream's type (an 82 KB value would be
            // built on the stack): the one-shot init leaves some fields as they were,
            // `hist_bits` among them, which the compressor reads.
            let size = MemoryLayout<isal_zstream>.size
            let memory = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: MemoryLayout<isal_zstream>.alignment)
            memory.initializeMemory(as: UInt8.self, repeating: 0, count: size)
            engine = .igzip(memory.bindMemory(to: isal_zstream.self, capacity: 1))
        } else {
            guard let state = libdeflate_alloc_compressor(level) else { throw Gzip.Error.level(level) }
            engine = .libdeflate(state)
        }
        self.level = level
    }

    /// The compressor in `kept`, or a new one at `level` left there for the next body.
    public static func reusing(_ kept: inout GzipCompressor?, level: Int32) throws -> GzipCompressor {
        if let kept { return kept }
        let made = try GzipCompressor(level: level)
        kept = made
        return made
    }

    deinit {
        switch engine {
        case .igzip(let stream): UnsafeMutableRawPointer(stream).deallocate()
        case .libdeflate(let state): libdeflate_free_compressor(state)
        }
        scratch.deallocate()
    }

    /// `input` as one gzip member (RFC 1952), read straight from the caller's memory.
    ///
    /// - Throws: `Gzip.Error.deflate` when the compressor fails, or for an input igzip cannot
    ///   take (its sizes are 32-bit: an input whose bound is 4 GiB or more).
    public func compress(_ input: UnsafeRawBufferPointer) throws -> [UInt8] {
        // Refused before the scratch is grown to a bound the engine could not use.
        guard let bound = bound(for: input.count) else { throw Gzip.Error.deflate }
        if scratch.count < bound {
            scratch.deallocate()
            scratch = .allocate(byteCount: bound, alignment: 16)
        }
        defer {
            // Kept for the next body, unless a rare giant one grew it past a few default batches
            // (as the exporter's encoding buffer is).
            if scratch.count > Self.keptScratchLimit {
                scratch.deallocate()
                scratch = UnsafeMutableRawBufferPointer(start: nil, count: 0)
            }
        }
        let written: Int
        switch engine {
        case .igzip(let stream):
            written = try Self.igzip(input, into: scratch, stream)
        case .libdeflate(let state):
            written = libdeflate_gzip_compress(state, input.baseAddress, input.count, scratch.baseAddress, scratch.count)
        }
        // The bound always fits the output: nothing written means the compressor failed.
        guard written > 0 else { throw Gzip.Error.deflate }
        return Array(UnsafeRawBufferPointer(rebasing: scratch[..<written]))
    }

    /// The most a body of `count` bytes can take, gzip member and all; `nil` for a body the
    /// engine cannot take.
    private func bound(for count: Int) -> Int? {
        switch engine {
        case .igzip:
            // igzip falls back to stored blocks (5 bytes of header per 64 KiB) when compressing
            // does not pay; around them go a block header of at most `ISAL_DEF_MAX_HDR_SIZE`
            // and gzip's 18 bytes. Rounded up generously: the scratch is kept. Its sizes are
            // 32-bit.
            let bound = count + count / 4096 + Int(ISAL_DEF_MAX_HDR_SIZE) + 1024
            return UInt32(exactly: bound) == nil ? nil : bound
        case .libdeflate(let state):
            return libdeflate_gzip_compress_bound(state, count)
        }
    }

    /// Compresses `input` into `output` with igzip's one-shot compressor; the bytes written.
    private static func igzip(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, _ stream: UnsafeMutablePointer<isal_zstream>) throws -> Int {
        guard let availableIn = UInt32(exactly: input.count), let availableOut = UInt32(exactly: output.count) else {
            throw Gzip.Error.deflate
        }
        isal_deflate_stateless_init(stream)
        stream.pointee.level = UInt32(igzipLevel)
        // No level buffer: level 1's one-shot compressor hashes in the stream's own state, as
        // fast on span bodies as with the largest buffer.
        stream.pointee.level_buf = nil
        stream.pointee.level_buf_size = 0
        stream.pointee.gzip_flag = UInt16(IGZIP_GZIP)
        // The default window, 32 KiB; the init does not reset it.
        stream.pointee.hist_bits = 0
        stream.pointee.end_of_stream = 1
        stream.pointee.flush = UInt16(NO_FLUSH)
        // igzip reads its input through a mutable pointer type but does not write it.
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: UInt8.self))
        stream.pointee.avail_in = availableIn
        stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: UInt8.self)
        stream.pointee.avail_out = availableOut
        guard isal_deflate_stateless(stream) == COMP_OK else { return 0 }
        return Int(stream.pointee.total_out)
    }

    /// The largest buffer kept between bodies.
    static let keptScratchLimit = 4 << 20
}
