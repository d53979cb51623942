/// Splits text into lowercase word terms, the unit of both scorers; and counts model tokens.
enum Text {
    /// Words too common to help ranking.
    static let stopWords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "how", "i",
        "in", "is", "it", "its", "my", "of", "on", "or", "should", "so", "that", "the", "their", "then",
        "this", "to", "was", "what", "when", "where", "which", "who", "why", "with", "you", "your",
    ]

    /// Lowercase alphanumeric runs (dots and underscores kept inside, so `gen_ai.usage.cost` and
    /// `gpt-4o` stay searchable as written), without stop words, with a light plural stemming.
    static func terms(_ text: String) -> [String] {
        var terms: [String] = []
        var current = ""
        func flush() {
            var term = current.trimmingTrailing { $0 == "." || $0 == "_" || $0 == "-" }
            current = ""
            guard !term.isEmpty, !stopWords.contains(term) else { return }
            if term.count > 3, term.hasSuffix("s"), !term.hasSuffix("ss") { term.removeLast() }
            terms.append(term)
        }
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || ((character == "." || character == "_" || character == "-") && !current.isEmpty) {
                current.append(character)
            } else {
                flush()
            }
        }
        flush()
        return terms
    }

    /// Approximate model tokens the way byte-pair tokenizers split English: about one token per
    /// four characters of a word, one per punctuation mark. The same count serves prompt and
    /// completion, so local usage figures are consistent.
    static func tokenCount(_ text: String) -> Int {
        var count = 0
        for word in text.split(whereSeparator: \.isWhitespace) {
            var letters = 0
            for character in word {
                if character.isLetter || character.isNumber {
                    letters += 1
                } else {
                    count += 1
                }
            }
            count += (letters + 3) / 4
        }
        return count
    }
}

extension String {
    fileprivate func trimmingTrailing(while predicate: (Character) -> Bool) -> String {
        var result = self
        while let last = result.last, predicate(last) { result.removeLast() }
        return result
    }
}
