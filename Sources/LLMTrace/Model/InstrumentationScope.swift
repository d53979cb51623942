/// The library or module that made a span: the tracer's name and version.
public final class InstrumentationScope: Sendable {
    /// The scope name, for example `rag-demo` or `com.example.retrieval`.
    public let name: String
    /// The scope version, if known.
    public let version: String?

    /// Creates a scope.
    public init(name: String, version: String? = nil) {
        self.name = name
        self.version = version
    }

    /// A scope with an empty name, for hand-made span data.
    public static let unnamed = InstrumentationScope(name: "")
}
