import Crypto
import Foundation

/// Groups repeated questions without storing them: a SHA-256 of the question's normalized form.
public enum QuestionHash {
    /// The normalized form: Unicode compatibility composition (NFKC), lower case, runs of white
    /// space as one space, no leading or trailing space. "What is  OTLP?" and "what is otlp?"
    /// hash alike.
    public static func normalize(_ question: String) -> String {
        let composed = question.precomposedStringWithCompatibilityMapping.lowercased()
        return composed.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Lowercase hex SHA-256 of the normalized question's UTF-8 bytes.
    public static func sha256(_ question: String) -> String {
        let digest = SHA256.hash(data: Array(normalize(question).utf8))
        return digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
