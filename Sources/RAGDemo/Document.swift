/// One passage of the demo's collection.
struct Document: Sendable, Equatable {
    let id: String
    let title: String
    let text: String
}
