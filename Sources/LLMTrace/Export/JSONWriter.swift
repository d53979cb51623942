/// Appends JSON tokens to a byte buffer.
///
/// Hand-written because the export path runs for every span: no `Codable`, no intermediate
/// dictionaries, no Foundation number formatting for integers.
package struct JSONWriter {
    package var bytes: [UInt8]

    package init(capacity: Int = 4096) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    @inline(__always)
    package mutating func raw(_ byte: UInt8) { bytes.append(byte) }

    @inline(__always)
    package mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A JSON string, escaped: quotes, backslash and control characters; other characters,
    /// including non-ASCII, are written as their UTF-8 bytes, which JSON allows.
    package mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            for i in 0..<utf8.count {
                let byte = utf8[i]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
                escape(byte)
                runStart = i + 1
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        default:
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), Hex.digits[Int(byte >> 4)], Hex.digits[Int(byte & 0xF)]])
        }
    }

    /// A non-negative integer as bare digits.
    mutating func digits(_ value: UInt64) {
        if value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0) // 24 bytes: room for 20 digits
        var v = value
        var count = 0
        withUnsafeMutableBytes(of: &scratch) { buffer in
            while v > 0 {
                buffer[23 - count] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                count += 1
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(24 - count)...]))
        }
    }

    /// A signed integer as bare digits.
    package mutating func digits(_ value: Int64) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            digits(UInt64(bitPattern: 0 &- value))
        } else {
            digits(UInt64(value))
        }
    }

    /// A 64-bit integer as a decimal string, as OTLP/JSON requires for int64 and fixed64.
    mutating func quotedDigits(_ value: UInt64) {
        bytes.append(UInt8(ascii: "\""))
        digits(value)
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func quotedDigits(_ value: Int64) {
        bytes.append(UInt8(ascii: "\""))
        digits(value)
        bytes.append(UInt8(ascii: "\""))
    }

    /// A double; NaN and the infinities as the strings the protobuf JSON mapping uses.
    package mutating func double(_ value: Double) {
        if value.isNaN {
            raw("\"NaN\"")
        } else if value.isInfinite {
            raw(value > 0 ? "\"Infinity\"" : "\"-Infinity\"")
        } else if value == value.rounded(.towardZero), abs(value) < 1e15 {
            // Integral values: skip the float formatter; `-0.0` becomes 0, which is equal.
            digits(Int64(value))
        } else {
            // Swift prints the shortest text that reads back as the same double; its exponent
            // form (`1e-05`, `5e+20`) is valid JSON.
            bytes.append(contentsOf: value.description.utf8)
        }
    }

    /// Lowercase hex of a trace id.
    mutating func hex(_ id: TraceID) {
        bytes.append(UInt8(ascii: "\""))
        appendHex(id.high)
        appendHex(id.low)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Lowercase hex of a span id.
    mutating func hex(_ id: SpanID) {
        bytes.append(UInt8(ascii: "\""))
        appendHex(id.value)
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendHex(_ value: UInt64) {
        var shift = 60
        while shift >= 0 {
            bytes.append(Hex.digits[Int((value >> UInt64(shift)) & 0xF)])
            shift -= 4
        }
    }
}
