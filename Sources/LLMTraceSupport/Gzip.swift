import CCurlZlib

/// gzip (RFC 1952) via zlib, as `Content-Encoding: gzip` requires: the gzip container, not a raw
/// zlib stream.
public enum Gzip {
    public enum Error: Swift.Error { case zlib(Int32) }

    /// Compresses `input` in one pass.
    /// - Parameter level: 1 (fastest) to 9 (smallest); zlib's default is 6.
    public static func compress(_ input: [UInt8], level: Int32 = 6) throws -> [UInt8] {
        try input.withUnsafeBytes { try compress($0, level: level) }
    }

    /// Compresses the bytes at `input` in one pass, straight from the caller's memory.
    public static func compress(_ input: UnsafeRawBufferPointer, level: Int32 = 6) throws -> [UInt8] {
        var stream = z_stream()
        var status = llmtrace_deflate_init_gzip(&stream, level)
        guard status == Z_OK else { throw Error.zlib(status) }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(input.count)))
        var written = 0
        let output = [UInt8](unsafeUninitializedCapacity: bound) { outBuf, initialized in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(input.count)
            stream.next_out = outBuf.baseAddress
            stream.avail_out = uInt(outBuf.count)
            status = deflate(&stream, Z_FINISH)
            written = outBuf.count - Int(stream.avail_out)
            initialized = written
        }
        guard status == Z_STREAM_END else { throw Error.zlib(status) }
        return output
    }

    /// Decompresses gzip or zlib data, refusing output larger than `limit` bytes.
    public static func decompress(_ input: [UInt8], limit: Int = 64 << 20) throws -> [UInt8] {
        var stream = z_stream()
        var status = llmtrace_inflate_init_gzip(&stream)
        guard status == Z_OK else { throw Error.zlib(status) }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        try input.withUnsafeBufferPointer { inBuf in
            stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress)
            stream.avail_in = uInt(inBuf.count)
            repeat {
                let produced: Int = chunk.withUnsafeMutableBufferPointer { outBuf in
                    stream.next_out = outBuf.baseAddress
                    stream.avail_out = uInt(outBuf.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    return outBuf.count - Int(stream.avail_out)
                }
                guard status == Z_OK || status == Z_STREAM_END else { throw Error.zlib(status) }
                output.append(contentsOf: chunk[0..<produced])
                guard output.count <= limit else { throw Error.zlib(Z_BUF_ERROR) }
                if produced == 0 && stream.avail_in == 0 && status != Z_STREAM_END { throw Error.zlib(Z_DATA_ERROR) }
            } while status != Z_STREAM_END
        }
        return output
    }

    /// The CRC-32 of `bytes` (zlib's, as gzip uses): the checksum of a spool file's body.
    public static func crc32(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc: uLong = 0
        var offset = 0
        // zlib takes at most a 32-bit length per call.
        while offset < bytes.count {
            let length = min(bytes.count - offset, 1 << 30)
            crc = CCurlZlib.crc32(crc, bytes.baseAddress!.advanced(by: offset).assumingMemoryBound(to: Bytef.self), uInt(length))
            offset += length
        }
        return UInt32(truncatingIfNeeded: crc)
    }
}
