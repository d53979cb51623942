internal import COpenSSLCrypto
import Foundation
internal import LLMTraceSupport

/// Groups repeated questions without storing them: a SHA-256 of the question's normalized form.
public enum QuestionHash {
    /// The normalized form: Unicode compatibility composition (NFKC), lower case, runs of white
    /// space as one space, no leading or trailing space. "What is  OTLP?" and "what is otlp?"
    /// hash alike.
    public static func normalize(_ question: String) -> String {
        let composed = question.precomposedStringWithCompatibilityMapping.lowercased()
        return composed.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Lowercase hex SHA-256 of the normalized question's UTF-8 bytes, or `unavailable` in the
    /// one case OpenSSL cannot compute it (no memory, a broken installation).
    public static func sha256(_ question: String) -> String {
        let bytes = Array(normalize(question).utf8)
        var digest = [UInt8](repeating: 0, count: 32)
        let computed = bytes.withUnsafeBytes { input in
            digest.withUnsafeMutableBufferPointer { llmtrace_sha256(input.baseAddress, input.count, $0.baseAddress) }
        }
        // The attribute then says so rather than carrying a hash of nothing.
        guard computed == 1 else { return "unavailable" }
        return String(unsafeUninitializedCapacity: 64) { text in
            for (i, byte) in digest.enumerated() {
                text[2 * i] = Hex.digits[Int(byte >> 4)]
                text[2 * i + 1] = Hex.digits[Int(byte & 0x0F)]
            }
            return 64
        }
    }
}
