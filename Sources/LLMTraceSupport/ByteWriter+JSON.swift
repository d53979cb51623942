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
        raw(UInt8(ascii: "\""))
        var runStart = 0
        var i = 0
        while i < utf8.count {
            // Eight bytes at a time while none needs escaping: the common case by far.
            if i + 8 <= utf8.count, !Self.needsEscape(utf8.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
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
        if runStart < utf8.count { append(UnsafeRawBufferPointer(rebasing: utf8[runStart...])) }
        raw(UInt8(ascii: "\""))
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
    @inlinable
    public mutating func digits(_ value: UInt64) {
        if value < 10 {
            raw(UInt8(ascii: "0") + UInt8(value))
            return
        }
        // Digits from the bit length (log10(2) ≈ 1233/4096), corrected by one comparison.
        let bits = 64 - value.leadingZeroBitCount
        var length = (bits &* 1233) >> 12
        if value >= Self.powersOfTen[length] { length += 1 }
        let target = room(length)
        var v = value
        var i = length
        // Two digits per division: half the divisions of the digit-by-digit loop.
        while v >= 100 {
            let pair = Int(v % 100) &* 2
            v /= 100
            i -= 2
            target[i] = Self.digitPairs[pair]
            target[i + 1] = Self.digitPairs[pair + 1]
        }
        if v >= 10 {
            let pair = Int(v) &* 2
            target[0] = Self.digitPairs[pair]
            target[1] = Self.digitPairs[pair + 1]
        } else {
            target[0] = UInt8(ascii: "0") + UInt8(v)
        }
        written += length
    }

    @usableFromInline static let powersOfTen: [UInt64] = (0..<20).map { exponent in (0..<exponent).reduce(1) { power, _ in power * 10 } }

    @usableFromInline static let digitPairs: [UInt8] = Array((0..<100).flatMap { n in [UInt8(ascii: "0") + UInt8(n / 10), UInt8(ascii: "0") + UInt8(n % 10)] })

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
        } else {
            // Swift prints the shortest text that reads back as the same double; its exponent
            // form (`1e-05`, `5e+20`) is valid JSON. Short results are small strings: no allocation.
            var text = value.description
            text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
        }
    }

    /// 32 lowercase hex digits of a 128-bit value (a trace id), quoted.
    @inlinable
    public mutating func quotedHex(high: UInt64, low: UInt64) {
        let target = room(34)
        target[0] = UInt8(ascii: "\"")
        Self.writeHex(high, to: target + 1)
        Self.writeHex(low, to: target + 17)
        target[33] = UInt8(ascii: "\"")
        written += 34
    }

    /// 16 lowercase hex digits of a 64-bit value (a span id), quoted.
    @inlinable
    public mutating func quotedHex(_ value: UInt64) {
        let target = room(18)
        target[0] = UInt8(ascii: "\"")
        Self.writeHex(value, to: target + 1)
        target[17] = UInt8(ascii: "\"")
        written += 18
    }

    @inlinable @inline(__always)
    static func writeHex(_ value: UInt64, to target: UnsafeMutablePointer<UInt8>) {
        Hex.digits.withUnsafeBufferPointer { digits in
            for i in 0..<16 {
                target[i] = digits[Int(truncatingIfNeeded: (value >> UInt64(60 - 4 * i)) & 0xF)]
            }
        }
    }
}
