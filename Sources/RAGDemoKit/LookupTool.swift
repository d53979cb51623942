/// The agent's one tool: a document's full text by id, from the demo's collection.
public enum LookupTool {
    /// `gen_ai.tool.name`.
    public static let name = "lookup_document"
    /// `gen_ai.tool.description`.
    public static let description = "Returns the full text of a documentation page by its id"

    /// `[id] title. text` of the document, or a not-found message the model can read.
    public static func lookup(_ id: String) -> String {
        guard let document = Corpus.documents.first(where: { $0.id == id }) else { return "no document \(id)" }
        return "[\(document.id)] \(document.title). \(document.text)"
    }
}
