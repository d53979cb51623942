import CCurlZlib
import CDeflate

/// gzip (RFC 1952), as `Content-Encoding: gzip` requires: the gzip container, not a raw zlib
/// stream. libdeflate compresses and computes CRC-32s (whole buffers, the fast path); zlib
/// inflates, streaming, so that a limit holds before the output is all there.
public enum Gzip {
    public enum Error: Swift.Error, Equatable {
        /// zlib's status, inflating.
        case zlib(Int32)
        /// A compression level libdeflate does not have, or no memory for its state.
        case level(Int32)
        /// libdeflate compressed nothing.
        case deflate
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

    /// The CRC-32 of `bytes` (the one gzip uses): the checksum of a spool file's body.
    public static func crc32(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        libdeflate_crc32(0, bytes.baseAddress, bytes.count)
    }
}
