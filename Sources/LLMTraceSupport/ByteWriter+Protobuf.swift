/// The protobuf wire format, written straight into the buffer: no message objects, no runtime.
///
/// A nested message is written in place: `beginMessage` reserves one byte for its length,
/// `endMessage` fills it in, and moves the message's bytes along only when the length needs a
/// longer varint (a message of 128 bytes or more), so the many small messages (attributes,
/// values) cost no copy. Zero, empty and default values are the caller's to leave out, as
/// proto3 does.
extension ByteWriter {
    /// Wire types.
    public enum WireType: UInt64 {
        case varint = 0
        case fixed64 = 1
        case lengthDelimited = 2
        case fixed32 = 5
    }

    @inlinable @inline(__always)
    public mutating func varint(_ value: UInt64) {
        if value < 0x80 {
            raw(UInt8(truncatingIfNeeded: value))
            return
        }
        let target = room(10)
        var v = value
        var i = 0
        while v >= 0x80 {
            target[i] = UInt8(truncatingIfNeeded: v) | 0x80
            v >>= 7
            i += 1
        }
        target[i] = UInt8(truncatingIfNeeded: v)
        written += i + 1
    }

    /// How many bytes `value` takes as a varint.
    @inlinable @inline(__always)
    public static func varintSize(_ value: UInt64) -> Int {
        // One byte per started group of seven bits; zero takes one byte.
        (64 - (value | 1).leadingZeroBitCount + 6) / 7
    }

    @inlinable @inline(__always)
    public mutating func tag(_ field: Int, _ wireType: WireType) {
        varint(UInt64(field) << 3 | wireType.rawValue)
    }

    /// An unsigned varint field (`uint32`, `uint64`, enums).
    @inlinable
    public mutating func uint(_ field: Int, _ value: UInt64) {
        tag(field, .varint)
        varint(value)
    }

    /// An `int64`/`int32` field: two's complement, so negatives take ten bytes.
    @inlinable
    public mutating func int(_ field: Int, _ value: Int64) {
        tag(field, .varint)
        varint(UInt64(bitPattern: value))
    }

    @inlinable
    public mutating func bool(_ field: Int, _ value: Bool) {
        tag(field, .varint)
        raw(value ? 1 : 0)
    }

    /// A `fixed64` field (times, counts), little-endian.
    @inlinable
    public mutating func fixed64(_ field: Int, _ value: UInt64) {
        tag(field, .fixed64)
        littleEndian(value)
    }

    /// An `sfixed64` field.
    @inlinable
    public mutating func sfixed64(_ field: Int, _ value: Int64) {
        fixed64(field, UInt64(bitPattern: value))
    }

    /// A `fixed32` field (span flags), little-endian.
    @inlinable
    public mutating func fixed32(_ field: Int, _ value: UInt32) {
        tag(field, .fixed32)
        let target = room(4)
        UnsafeMutableRawPointer(target).storeBytes(of: value.littleEndian, as: UInt32.self)
        written += 4
    }

    @inlinable
    public mutating func double(_ field: Int, _ value: Double) {
        tag(field, .fixed64)
        littleEndian(value.bitPattern)
    }

    @inlinable @inline(__always)
    mutating func littleEndian(_ value: UInt64) {
        let target = room(8)
        UnsafeMutableRawPointer(target).storeBytes(of: value.littleEndian, as: UInt64.self)
        written += 8
    }

    /// A `string` field: its UTF-8 bytes, length first.
    @inlinable
    public mutating func string(_ field: Int, _ value: String) {
        if let done: Void = value.utf8.withContiguousStorageIfAvailable({ bytes(field, UnsafeRawBufferPointer($0)) }) {
            return done
        }
        var copy = value
        copy.withUTF8 { bytes(field, UnsafeRawBufferPointer($0)) }
    }

    /// A `bytes` field.
    @inlinable
    public mutating func bytes(_ field: Int, _ value: UnsafeRawBufferPointer) {
        tag(field, .lengthDelimited)
        varint(UInt64(value.count))
        append(value)
    }

    /// A `bytes` field of a 64-bit id, big-endian (the byte order of its hex form).
    @inlinable
    public mutating func id(_ field: Int, _ value: UInt64) {
        tag(field, .lengthDelimited)
        raw(8)
        let target = room(8)
        UnsafeMutableRawPointer(target).storeBytes(of: value.bigEndian, as: UInt64.self)
        written += 8
    }

    /// A `bytes` field of a 128-bit id, big-endian.
    @inlinable
    public mutating func id(_ field: Int, high: UInt64, low: UInt64) {
        tag(field, .lengthDelimited)
        raw(16)
        let target = room(16)
        UnsafeMutableRawPointer(target).storeBytes(of: high.bigEndian, as: UInt64.self)
        UnsafeMutableRawPointer(target + 8).storeBytes(of: low.bigEndian, as: UInt64.self)
        written += 16
    }

    /// A packed `repeated fixed64` field.
    @inlinable
    public mutating func packedFixed64(_ field: Int, _ values: [UInt64]) {
        guard !values.isEmpty else { return }
        tag(field, .lengthDelimited)
        varint(UInt64(values.count * 8))
        for value in values { littleEndian(value) }
    }

    /// A packed `repeated double` field.
    @inlinable
    public mutating func packedDouble(_ field: Int, _ values: [Double]) {
        guard !values.isEmpty else { return }
        tag(field, .lengthDelimited)
        varint(UInt64(values.count * 8))
        for value in values { littleEndian(value.bitPattern) }
    }

    /// Starts a nested message in `field`; pass the result to `endMessage`.
    @inlinable
    public mutating func beginMessage(_ field: Int) -> Int {
        tag(field, .lengthDelimited)
        raw(0)
        return written
    }

    /// Ends the message `beginMessage` started, writing its length.
    @inlinable
    public mutating func endMessage(_ start: Int) {
        let length = written - start
        if length < 0x80 {
            base[start - 1] = UInt8(truncatingIfNeeded: length)
            return
        }
        endLongMessage(start, length: length)
    }

    @inline(never)
    @usableFromInline mutating func endLongMessage(_ start: Int, length: Int) {
        let size = Self.varintSize(UInt64(length))
        _ = room(size - 1)
        // memmove: the regions overlap.
        UnsafeMutableRawPointer(base + start + size - 1).copyMemory(from: base + start, byteCount: length)
        var v = UInt64(length)
        var i = start - 1
        while v >= 0x80 {
            base[i] = UInt8(truncatingIfNeeded: v) | 0x80
            v >>= 7
            i += 1
        }
        base[i] = UInt8(truncatingIfNeeded: v)
        written += size - 1
    }
}
