import CDeflate

/// A gzip compressor at one level, kept for many bodies (libdeflate, whole buffers).
///
/// Kept rather than made per body because libdeflate's state for the fast levels is a few
/// hundred kilobytes, which malloc maps and unmaps on every request when it is made and freed
/// each time. One thread at a time: the exporter keeps one beside its reused encoding buffer.
public final class GzipCompressor {
    /// 1 (fastest) to 12 (smallest); libdeflate's levels, of which 1–9 compress about as zlib's do,
    /// at two to three times the speed.
    public let level: Int32
    private let state: OpaquePointer

    /// The levels libdeflate has.
    public static let levels: ClosedRange<Int32> = 0...12

    /// - Throws: `Gzip.Error.level` for a level libdeflate does not have (it has 0–12), or
    ///   when its state cannot be allocated.
    public init(level: Int32) throws {
        guard Self.levels.contains(level), let state = libdeflate_alloc_compressor(level) else {
            throw Gzip.Error.level(level)
        }
        self.level = level
        self.state = state
    }

    deinit { libdeflate_free_compressor(state) }

    /// `input` as one gzip member (RFC 1952), read straight from the caller's memory.
    public func compress(_ input: UnsafeRawBufferPointer) throws -> [UInt8] {
        let bound = libdeflate_gzip_compress_bound(state, input.count)
        var written = 0
        let output = [UInt8](unsafeUninitializedCapacity: bound) { buffer, initialized in
            written = libdeflate_gzip_compress(state, input.baseAddress, input.count, buffer.baseAddress, buffer.count)
            initialized = written
        }
        // The bound always fits the output: nothing written means libdeflate failed.
        guard written > 0 else { throw Gzip.Error.deflate }
        return output
    }
}
