extension ByteWriter {
    /// A JSON string, escaped: quotes, backslash and control characters; other characters,
    /// including non-ASCII, are written as their UTF-8 bytes, which JSON allows.
    @inlinable
    public mutating func string(_ value: String) {
        if let done: Void = value.utf8.withContiguousStorageIfAvailable({ string(utf8: UnsafeRawBufferPointer($0)) }) {
            return done
        }
        var copy = value
        copy.withUTF8 { string(utf8: UnsafeRawBufferPointer($0)) }
    }

    @inlinable
    mutating func string(utf8: UnsafeRawBufferPointer) {
        let count = utf8.count
        // Keys, names and most values need no escape: one capacity check and one copy.
        if !Self.needsEscape(utf8) {
            let target = room(count + 2)
            target[0] = UInt8(ascii: "\"")
            if let source = utf8.baseAddress, count > 0 {
                UnsafeMutableRawPointer(target + 1).copyMemory(from: source, byteCount: count)
            }
            target[count + 1] = UInt8(ascii: "\"")
            written += count + 2
            return
        }
        raw(UInt8(ascii: "\""))
        var runStart = 0
        var i = 0
        while i < count {
            // Eight bytes at a time while none needs escaping.
            if i + 8 <= count, !Self.needsEscape(utf8.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                i += 8
                continue
            }
            let byte = utf8[i]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                if runStart < i { append(UnsafeRawBufferPointer(rebasing: utf8[runStart..<i])) }
                escape(byte)
                runStart = i + 1
            }
            i += 1
        }
        if runStart < count { append(UnsafeRawBufferPointer(rebasing: utf8[runStart...])) }
        raw(UInt8(ascii: "\""))
    }

    /// Whether any byte of `bytes` needs escaping, eight at a time, the last (or only) few in
    /// one more overlapping load: 8 or more bytes as words, the last word overlapping the one
    /// before it; 4 to 7 as two overlapping 4-byte halves of one word; 1 to 3 as their first,
    /// middle and last bytes in one word padded with spaces (which never need escaping). No
    /// loop over single bytes: most keys and values are short.
    @inlinable @inline(__always)
    static func needsEscape(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let count = bytes.count
        guard let base = bytes.baseAddress, count > 0 else { return false }
        if count >= 8 {
            var i = 0
            while i + 8 <= count {
                if needsEscape(base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { return true }
                i += 8
            }
            return i < count && needsEscape(base.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
        }
        if count >= 4 {
            let low = UInt64(base.loadUnaligned(as: UInt32.self))
            let high = UInt64(base.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            return needsEscape(low | high << 32)
        }
        // One to three bytes: the first, the middle and the last cover them all.
        let first = UInt64(base.load(as: UInt8.self))
        let middle = UInt64(base.load(fromByteOffset: count / 2, as: UInt8.self))
        let last = UInt64(base.load(fromByteOffset: count - 1, as: UInt8.self))
        return needsEscape(first | middle << 8 | last << 16 | 0x2020_2020_2000_0000)
    }

    /// Whether any of the eight bytes in `word` is a control character, `"` or `\\`.
    ///
    /// The classic "has a byte less than n" and "has a zero byte" bit tricks: exact for bytes
    /// below 0x80, and bytes of 0x80 and above never match (UTF-8 continuation bytes pass).
    @inlinable @inline(__always)
    static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let control = (word &- ones &* 0x20) & ~word
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let quoteZero = (quote &- ones) & ~quote
        let backslashZero = (backslash &- ones) & ~backslash
        return (control | quoteZero | backslashZero) & highs != 0
    }

    @inlinable
    mutating func escape(_ byte: UInt8) {
        raw(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): raw(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): raw(UInt8(ascii: "\\"))
        case 0x0A: raw(UInt8(ascii: "n"))
        case 0x0D: raw(UInt8(ascii: "r"))
        case 0x09: raw(UInt8(ascii: "t"))
        case 0x08: raw(UInt8(ascii: "b"))
        case 0x0C: raw(UInt8(ascii: "f"))
        default:
            raw("u00")
            raw(Hex.digits[Int(byte >> 4)])
            raw(Hex.digits[Int(byte & 0xF)])
        }
    }

    /// A non-negative integer as bare digits.
    ///
    /// Timestamps (19 digits, two per span) are most of the digits OTLP/JSON carries: past 8
    /// digits, the value is cut into a leading part and 8-digit blocks, each block written with
    /// a handful of multiplications on all its digits at once.
    @inlinable
    public mutating func digits(_ value: UInt64) {
        if value < 100_000_000 {
            shortDigits(value)
        } else if value < 10_000_000_000_000_000 {
            shortDigits(value / 100_000_000)
            eightDigits(value % 100_000_000)
        } else {
            let rest = value % 10_000_000_000_000_000
            shortDigits(value / 10_000_000_000_000_000)
            eightDigits(rest / 100_000_000)
            eightDigits(rest % 100_000_000)
        }
    }

    /// Exactly 8 digits, leading zeros included, of `value` (below 10^8).
    @inlinable @inline(__always)
    mutating func eightDigits(_ value: UInt64) {
        UnsafeMutableRawPointer(room(8)).storeBytes(of: Self.eightDigitsWord(value).littleEndian, as: UInt64.self)
        written += 8
    }

    /// The 8 digits, leading zeros included, of `value` (below 10^8) as one word, the most
    /// significant digit in its lowest byte: the value is split into two 4-digit halves in the
    /// word's two 32-bit lanes, each of those into two 2-digit parts in 16-bit lanes, each of
    /// those into two digits in bytes. Division by 100 and 10 within a lane is a multiplication
    /// and shift that is exact for the lane's range (below 10^4 and 100) and never carries into
    /// the next lane.
    @inlinable @inline(__always)
    static func eightDigitsWord(_ value: UInt64) -> UInt64 {
        // Lane 0 holds the leading half.
        let fours = (value / 10_000) | ((value % 10_000) << 32)
        let hundreds = ((fours &* 5243) >> 19) & 0x0000_007F_0000_007F
        let twos = hundreds | ((fours &- hundreds &* 100) << 16)
        let tens = ((twos &* 103) >> 10) & 0x000F_000F_000F_000F
        return (tens | ((twos &- tens &* 10) << 8)) | 0x3030_3030_3030_3030
    }

    /// A value below 10^8 as bare digits: its 8 digits as one word (`eightDigitsWord`), less
    /// the leading zeros, stored at once; the room for 8 is asked for, the digits alone are
    /// kept.
    @inlinable
    mutating func shortDigits(_ value: UInt64) {
        if value < 10 {
            raw(UInt8(ascii: "0") + UInt8(value))
            return
        }
        // Digits from the bit length (log10(2) ≈ 1233/4096), corrected by one comparison.
        let bits = 64 - value.leadingZeroBitCount
        var length = (bits &* 1233) >> 12
        if value >= Self.powerOfTen(length) { length += 1 }
        let digits = Self.eightDigitsWord(value) >> UInt64(8 &* (8 &- length))
        UnsafeMutableRawPointer(room(8)).storeBytes(of: digits.littleEndian, as: UInt64.self)
        written += length
    }

    /// 10^`exponent`, for 0...19: a switch, which compiles to a table in read-only data.
    @inlinable @inline(__always)
    static func powerOfTen(_ exponent: Int) -> UInt64 {
        switch exponent {
        case 0: 1
        case 1: 10
        case 2: 100
        case 3: 1_000
        case 4: 10_000
        case 5: 100_000
        case 6: 1_000_000
        case 7: 10_000_000
        case 8: 100_000_000
        case 9: 1_000_000_000
        case 10: 10_000_000_000
        case 11: 100_000_000_000
        case 12: 1_000_000_000_000
        case 13: 10_000_000_000_000
        case 14: 100_000_000_000_000
        case 15: 1_000_000_000_000_000
        case 16: 10_000_000_000_000_000
        case 17: 100_000_000_000_000_000
        case 18: 1_000_000_000_000_000_000
        default: 10_000_000_000_000_000_000
        }
    }

    /// A signed integer as bare digits.
    @inlinable
    public mutating func digits(_ value: Int64) {
        if value < 0 {
            raw(UInt8(ascii: "-"))
            digits(UInt64(bitPattern: 0 &- value))
        } else {
            digits(UInt64(value))
        }
    }

    /// A 64-bit integer as a decimal string, as OTLP/JSON requires for int64 and fixed64.
    @inlinable
    public mutating func quotedDigits(_ value: UInt64) {
        raw(UInt8(ascii: "\""))
        digits(value)
        raw(UInt8(ascii: "\""))
    }

    @inlinable
    public mutating func quotedDigits(_ value: Int64) {
        raw(UInt8(ascii: "\""))
        digits(value)
        raw(UInt8(ascii: "\""))
    }

    /// A double; NaN and the infinities as the strings the protobuf JSON mapping uses.
    @inlinable
    public mutating func double(_ value: Double) {
        if value.isNaN {
            raw("\"NaN\"")
        } else if value.isInfinite {
            raw(value > 0 ? "\"Infinity\"" : "\"-Infinity\"")
        } else if value == 0 {
            // The sign of zero survives, as in the protobuf form of the same value.
            raw(value.sign == .minus ? "-0.0" : "0")
        } else if value == value.rounded(.towardZero), abs(value) < 1e15 {
            // Integral values: skip the float formatter.
            digits(Int64(value))
        } else if !shortDecimal(value) {
            // Swift prints the shortest text that reads back as the same double; its exponent
            // form (`1.5e-16`, `5e+20`) is valid JSON. Short results are small strings: no allocation.
            var text = value.description
            text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
        }
    }

    /// 32 lowercase hex digits of a 128-bit value (a trace id), quoted.
    @inlinable
    public mutating func quotedHex(high: UInt64, low: UInt64) {
        let target = room(34)
        target[0] = UInt8(ascii: "\"")
        Hex.write(high, to: target + 1)
        Hex.write(low, to: target + 17)
        target[33] = UInt8(ascii: "\"")
        written += 34
    }

    /// 16 lowercase hex digits of a 64-bit value (a span id), quoted.
    @inlinable
    public mutating func quotedHex(_ value: UInt64) {
        let target = room(18)
        target[0] = UInt8(ascii: "\"")
        Hex.write(value, to: target + 1)
        target[17] = UInt8(ascii: "\"")
        written += 18
    }

    /// Writes `value` as `integer.fraction` with the fewest fraction digits (up to 15) that read
    /// back as the same double, if there is such a text: prices, scores and temperatures
    /// (`0.000737`, `0.87`, `0.2`) are, and this costs a few multiplications where the general
    /// shortest-text algorithm costs far more. Returns `false`, writing nothing, otherwise.
    ///
    /// `m / 10^k == value`, both exact operands and one correctly rounded division, means the
    /// decimal `m × 10^-k` parses to `value` as well: both are the double nearest that number.
    @inlinable
    mutating func shortDecimal(_ value: Double) -> Bool {
        let magnitude = abs(value)
        // Below 1e-4 the exponent form is shorter (`1e-07`), and Swift's shortest text takes it.
        guard magnitude < 1e15, magnitude >= 1e-4 else { return false }
        var power = 1.0
        for places in 1...15 {
            power *= 10
            let scaled = (magnitude * power).rounded()
            guard scaled < 9_007_199_254_740_992 else { return false }
            if scaled / power == magnitude {
                let mantissa = UInt64(scaled)
                let divisor = Self.powerOfTen(places)
                if value < 0 { raw(UInt8(ascii: "-")) }
                digits(mantissa / divisor)
                raw(UInt8(ascii: "."))
                let fraction = mantissa % divisor
                // Leading zeros of the fraction, then its digits.
                var width = 1
                while width < places, fraction >= Self.powerOfTen(width) { width += 1 }
                if places > width {
                    let zeros = room(places - width)
                    zeros.update(repeating: UInt8(ascii: "0"), count: places - width)
                    written += places - width
                }
                digits(fraction)
                return true
            }
        }
        return false
    }
}
