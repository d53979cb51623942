/// The demo's document collection, parsed once from `documentsText`.
public enum Corpus {
    public static let documents: [Document] = documentsText.split(separator: "\n").compactMap { line in
        let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
        guard fields.count == 3 else { return nil }
        return Document(id: String(fields[0]), title: String(fields[1]), text: String(fields[2]))
    }
}
