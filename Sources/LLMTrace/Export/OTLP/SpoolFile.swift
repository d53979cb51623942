internal import LLMTraceSupport

/// The format of one spool file: a 32-byte header, then the request body as it waits.
///
/// ```
/// 0   "LLMTSPL1"           magic and format version
/// 8   storage    u8        EncodedBatch.Storage
/// 9   protocol   u8        0 = http/json, 1 = http/protobuf
/// 10  reserved   u16       0
/// 12  items      u32 LE    spans, log records or data points in the body
/// 16  length     u64 LE    body bytes
/// 24  crc32      u32 LE    of the body
/// 28  reserved   u32       0
/// 32  body
/// ```
/// A file whose header or checksum does not hold is torn or damaged: it is skipped, never sent.
enum SpoolFile {
    static let magic = Array("LLMTSPL1".utf8)
    static let headerSize = 32
    /// More items than any batch holds: a header claiming more is damaged.
    static let maxItems = 1 << 24

    /// The file's bytes for `batch`.
    static func encode(_ batch: EncodedBatch) -> [UInt8] {
        var bytes = magic
        bytes.reserveCapacity(headerSize + batch.body.count)
        bytes.append(batch.storage.rawValue)
        bytes.append(batch.wireProtocol == .httpProtobuf ? 1 : 0)
        bytes.append(contentsOf: [0, 0])
        append(UInt64(batch.items), bytes: 4, to: &bytes)
        append(UInt64(batch.body.count), bytes: 8, to: &bytes)
        let crc = batch.body.withUnsafeBytes { Gzip.crc32($0) }
        append(UInt64(crc), bytes: 4, to: &bytes)
        bytes.append(contentsOf: [0, 0, 0, 0])
        bytes.append(contentsOf: batch.body)
        return bytes
    }

    /// What a header says, if it is one: the item count and the body length.
    static func header(_ bytes: ArraySlice<UInt8>) -> (items: Int, bodyLength: Int, storage: EncodedBatch.Storage, wireProtocol: OTLPProtocol, crc: UInt32)? {
        guard bytes.count >= headerSize, bytes.prefix(8).elementsEqual(magic) else { return nil }
        let base = bytes.startIndex
        guard let storage = EncodedBatch.Storage(rawValue: bytes[base + 8]), bytes[base + 9] <= 1 else { return nil }
        // Reserved bytes are zero in every file this format writes: anything else is damage.
        guard bytes[(base + 10)..<(base + 12)].allSatisfy({ $0 == 0 }), bytes[(base + 28)..<(base + 32)].allSatisfy({ $0 == 0 }) else { return nil }
        let items = Int(read(bytes, at: base + 12, bytes: 4))
        let length = read(bytes, at: base + 16, bytes: 8)
        guard items <= maxItems, length <= UInt64(Int.max - headerSize) else { return nil }
        return (items, Int(length), storage, bytes[base + 9] == 1 ? .httpProtobuf : .httpJSON, UInt32(read(bytes, at: base + 24, bytes: 4)))
    }

    /// The batch a whole file holds; `nil` if it is torn or damaged.
    static func decode(_ bytes: [UInt8]) -> EncodedBatch? {
        guard let header = header(bytes[...]), bytes.count - headerSize == header.bodyLength else { return nil }
        let body = Array(bytes[headerSize...])
        guard body.withUnsafeBytes({ Gzip.crc32($0) }) == header.crc else { return nil }
        return EncodedBatch(body: body, storage: header.storage, wireProtocol: header.wireProtocol, items: header.items)
    }

    private static func append(_ value: UInt64, bytes count: Int, to bytes: inout [UInt8]) {
        for index in 0..<count { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(index)))) }
    }

    private static func read(_ bytes: ArraySlice<UInt8>, at offset: Int, bytes count: Int) -> UInt64 {
        (0..<count).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) }
    }
}
