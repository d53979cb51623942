public enum PercentDecoding {
    /// Decodes `%XX` escapes; `nil` for a broken escape, and for bytes that are not UTF-8
    /// unless `repairingUTF8`, which turns them into U+FFFD (as W3C Baggage asks).
    public static func decode<S: StringProtocol>(_ text: S, repairingUTF8: Bool = false) -> String? {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.popFirst().flatMap({ Hex.nibble($0, lowercaseOnly: false) }),
                      let low = iterator.popFirst().flatMap({ Hex.nibble($0, lowercaseOnly: false) })
                else { return nil }
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        return repairingUTF8 ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
    }
}
