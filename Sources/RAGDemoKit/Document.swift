/// One passage of the demo's collection.
public struct Document: Sendable, Equatable {
    public let id: String
    public let title: String
    public let text: String
}
