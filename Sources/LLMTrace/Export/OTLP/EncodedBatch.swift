internal import LLMTraceSupport

/// One export request's body, encoded as soon as its batch was full: what the delivery queue
/// and the spool hold instead of span objects, so that a backlog costs its bytes.
struct EncodedBatch: Sendable {
    /// How the bytes in `body` are stored.
    enum Storage: UInt8, Sendable {
        /// As sent, uncompressed.
        case plain = 0
        /// As sent, with `Content-Encoding: gzip`.
        case gzipped = 1
        /// Gzipped only while it waits; inflated before it is sent uncompressed. A backlog of
        /// JSON is about a tenth of its size this way.
        case gzippedAtRest = 2
    }

    var body: [UInt8]
    var storage: Storage
    /// The encoding of the uncompressed body.
    var wireProtocol: OTLPProtocol
    /// Spans, log records or data points in it: what the statistics count.
    var items: Int

    /// Bytes it occupies while queued: its array's capacity, which an uncompressed body written
    /// in place may hold beyond its length (at most a quarter more and 4 KiB, the room left by
    /// its size's guess).
    var bytes: Int { body.capacity }

    /// The batch stored compressed with `compressor`, if it is not already: for a body that has
    /// to wait.
    func compactedForWaiting(with compressor: GzipCompressor) -> EncodedBatch {
        guard storage == .plain, let packed = try? body.withUnsafeBytes({ try compressor.compress($0) }), packed.count < body.count else { return self }
        return EncodedBatch(body: packed, storage: .gzippedAtRest, wireProtocol: wireProtocol, items: items)
    }

    /// The body and whether it goes with `Content-Encoding: gzip`; `nil` if a body compressed at
    /// rest no longer inflates (a damaged spool file that still passed its checksum).
    func wireBody(limit: Int) -> (body: [UInt8], gzipped: Bool)? {
        switch storage {
        case .plain: return (body, false)
        case .gzipped: return (body, true)
        case .gzippedAtRest: return (try? Gzip.decompress(body, limit: limit)).map { ($0, false) }
        }
    }
}
