internal import LLMTraceSupport

/// The W3C Baggage header (`baggage: k1=v1;prop,k2=v2`): application entries that travel with a
/// request across services, such as `session.id` or `enduser.id`.
///
/// Keys are HTTP tokens; values are percent-encoded UTF-8. Properties (`;prop`) are accepted on
/// the way in and not kept. Limits are the recommendation's minimums: 64 entries and 8192 bytes
/// a header; an entry that would pass either is left out whole, never cut. Reading is lenient
/// where the recommendation allows it: a value byte that should have been percent-encoded is
/// taken as it is, and bytes that are not UTF-8 become U+FFFD.
enum W3CBaggage {
    static let field = "baggage"
    static let maxEntries = 64
    static let maxBytes = 8192
    private static let upperHex = Array("0123456789ABCDEF".utf8)

    /// The entries of a `baggage` header; an invalid entry is skipped, the others kept, up to
    /// the limits (the entries past them are left out whole).
    static func parse(_ header: String) -> [String: String] {
        var entries: [String: String] = [:]
        var bytes = 0
        for member in header.split(separator: ",", omittingEmptySubsequences: true) {
            bytes += member.utf8.count + 1
            guard entries.count < maxEntries, bytes <= maxBytes + 1 else { break }
            let keyValue = member.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]
            guard let equals = keyValue.firstIndex(of: "=") else { continue }
            let key = keyValue[..<equals].trimmingOWS()
            let rawValue = keyValue[keyValue.index(after: equals)...].trimmingOWS()
            guard isToken(key), let value = PercentDecoding.decode(rawValue, repairingUTF8: true) else { continue }
            entries[String(key)] = value
        }
        return entries
    }

    /// The header for `entries`, in key order; `nil` when there is nothing (valid) to send.
    static func header(for entries: [String: String]) -> String? {
        guard !entries.isEmpty else { return nil }
        var header = ""
        var count = 0
        for (key, value) in entries.sorted(by: { $0.key < $1.key }) where isToken(key[...]) {
            let member = "\(key)=\(percentEncoded(value))"
            let added = member.utf8.count + (header.isEmpty ? 0 : 1)
            guard count < maxEntries, header.utf8.count + added <= maxBytes else { continue }
            header += header.isEmpty ? member : "," + member
            count += 1
        }
        return header.isEmpty ? nil : header
    }

    /// Whether `key` is an HTTP token (RFC 9110): visible ASCII except separators.
    static func isToken(_ key: Substring) -> Bool {
        !key.isEmpty && key.utf8.allSatisfy { byte in
            byte > 0x20 && byte < 0x7F && !"\"(),/:;<=>?@[\\]{}".utf8.contains(byte)
        }
    }

    /// `value` with every byte outside the recommendation's `baggage-octet` set percent-encoded.
    static func percentEncoded(_ value: String) -> String {
        var encoded = ""
        for byte in value.utf8 {
            let plain = byte == 0x21 || (0x23...0x2B).contains(byte) || (0x2D...0x3A).contains(byte)
                || (0x3C...0x5B).contains(byte) || (0x5D...0x7E).contains(byte)
            if plain && byte != UInt8(ascii: "%") {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded.unicodeScalars.append("%")
                encoded.unicodeScalars.append(Unicode.Scalar(upperHex[Int(byte >> 4)]))
                encoded.unicodeScalars.append(Unicode.Scalar(upperHex[Int(byte & 0xF)]))
            }
        }
        return encoded
    }
}
