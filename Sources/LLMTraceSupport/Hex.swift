/// Hex digits for ids, written without Foundation.
public enum Hex {
    public static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The 16 lowercase hex digits of `value` at `offset` in `buffer` (which must have room).
    @inline(__always)
    public static func write(_ value: UInt64, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        precondition(offset >= 0 && offset + 16 <= buffer.count)
        write(value, to: UnsafeMutableRawPointer(buffer.baseAddress! + offset))
    }

    /// 16 lowercase hex digits of `value` at `target`, eight at a time (`eightDigits(of:)`).
    @inlinable @inline(__always)
    public static func write(_ value: UInt64, to target: UnsafeMutableRawPointer) {
        target.storeBytes(of: eightDigits(of: UInt32(truncatingIfNeeded: value >> 32)), as: UInt64.self)
        target.storeBytes(of: eightDigits(of: UInt32(truncatingIfNeeded: value)), toByteOffset: 8, as: UInt64.self)
    }

    /// The 8 lowercase hex digits of `value` as one word to store, the first digit first in
    /// memory: each nibble is spread into a byte of its own, then made a digit in all eight
    /// bytes at once (`'0'` plus 39 more for the nibbles from 10 up, which reach `'a'`). No loop
    /// and no table.
    @inlinable @inline(__always)
    public static func eightDigits(of value: UInt32) -> UInt64 {
        var spread = UInt64(value)
        spread = (spread | spread << 16) & 0x0000_FFFF_0000_FFFF
        spread = (spread | spread << 8) & 0x00FF_00FF_00FF_00FF
        spread = (spread | spread << 4) & 0x0F0F_0F0F_0F0F_0F0F
        // Byte k (from the least significant) now holds nibble k: big-endian order puts the
        // most significant digit first in memory.
        let letters = ((spread &+ 0x0606_0606_0606_0606) >> 4) & 0x0101_0101_0101_0101
        return (spread &+ 0x3030_3030_3030_3030 &+ letters &* 39).bigEndian
    }

    public static func parseUInt64(_ bytes: ArraySlice<UInt8>, lowercaseOnly: Bool) -> UInt64? {
        var result: UInt64 = 0
        for byte in bytes {
            guard let nibble = nibble(byte, lowercaseOnly: lowercaseOnly) else { return nil }
            result = result << 4 | UInt64(nibble)
        }
        return result
    }

    @inline(__always)
    public static func nibble(_ byte: UInt8, lowercaseOnly: Bool) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F") where !lowercaseOnly: return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
