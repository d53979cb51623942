/// One key and its value, as `Attributes` stores them.
struct Attribute: Sendable, Hashable {
    /// The attribute name, for example `gen_ai.request.model`.
    var key: String
    /// The typed value.
    var value: AttributeValue

    /// Creates an attribute.
    init(_ key: String, _ value: AttributeValue) {
        self.key = key
        self.value = value
    }
}
