import CCurlZlib
import CDeflate

/// gzip (RFC 1952), as `Content-Encoding: gzip` requires: the gzip container, not a raw zlib
/// stream. `GzipCompressor` compresses whole buffers (igzip at level 1, libdeflate at the
/// others); libdeflate computes CRC-32s and inflates a gzip body in one call when the size its
/// trailer states is within the limit; zlib inflates everything else, streaming, so that a limit
/// holds before the output is all there.
public enum Gzip {
    public enum Error: Swift.Error, Equatable {
        /// zlib's status, inflating.
        case zlib(Int32)
        /// A compression level there is not (0–12 are), or no memory for libdeflate's state.
        case level(Int32)
        /// The compressor wrote nothing (or igzip was given 4 GiB or more).
        case deflate
    }

    /// Decompresses gzip or zlib data, refusing output larger than `limit` bytes.
    public static func decompress(_ input: [UInt8], limit: Int = 64 << 20) throws -> [UInt8] {
        if let whole = inflatedWhole(input, limit: limit) { return whole }
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

    /// `input` inflated by libdeflate into a buffer of the size its gzip trailer states, if it
    /// is one gzip member whose stated size is within `limit` and whose data, CRC-32 and size
    /// check out; `nil` otherwise, for zlib to inflate or refuse as before. A receiver of
    /// gzipped requests (the benchmark's sink, the test receivers) spends a quarter to a third
    /// of the time it did streaming through zlib into 64 KB chunks, and so does the exporter
    /// inflating a body it kept compressed during an outage (`EncodedBatch.wireBody`).
    static func inflatedWhole(_ input: [UInt8], limit: Int) -> [UInt8]? {
        // A member is at least a 10-byte header and an 8-byte trailer; ISIZE is the trailer's
        // last 4 bytes, little-endian: the size modulo 2^32, which a size within a limit below
        // 4 GiB states exactly (and a false one fails libdeflate's check). DEFLATE expands at
        // most 1,032 times, so a stated size past that is false: refused before it is allocated.
        guard input.count >= 18, input[0] == 0x1F, input[1] == 0x8B,
              let stated = Int(exactly: input[(input.count - 4)...].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }),
              stated <= limit, stated / 1_032 <= input.count,
              let decompressor = libdeflate_alloc_decompressor()
        else { return nil }
        defer { libdeflate_free_decompressor(decompressor) }
        var consumed = 0
        var produced = 0
        var result = LIBDEFLATE_BAD_DATA
        let output = [UInt8](unsafeUninitializedCapacity: stated) { buffer, count in
            result = input.withUnsafeBytes { source in
                libdeflate_gzip_decompress_ex(decompressor, source.baseAddress, source.count, buffer.baseAddress, stated, &consumed, &produced)
            }
            // libdeflate says how much it wrote only when it succeeds: on failure, nothing counts
            // as initialized.
            count = result == LIBDEFLATE_SUCCESS ? produced : 0
        }
        guard result == LIBDEFLATE_SUCCESS, consumed == input.count, produced == stated else { return nil }
        return output
    }

    /// The CRC-32 of `bytes` (the one gzip uses): the checksum of a spool file's body.
    public static func crc32(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        libdeflate_crc32(0, bytes.baseAddress, bytes.count)
    }
}
