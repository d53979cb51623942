/// Hex digits for ids, written without Foundation.
public enum Hex {
    public static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    @inline(__always)
    public static func write(_ value: UInt64, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        var v = value
        var i = offset + 15
        while i >= offset {
            buffer[i] = digits[Int(v & 0xF)]
            v >>= 4
            i -= 1
        }
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
