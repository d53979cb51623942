/// An ordered attribute set in which a key appears at most once.
///
/// Linear search beats hashing for the handful of attributes a span carries, and keeps the
/// order callers set them in, which is the order exporters write.
public struct Attributes: Sendable, Hashable, RandomAccessCollection, ExpressibleByDictionaryLiteral {
    /// The attributes, in the order first set.
    private(set) var elements: [Attribute]

    /// An empty set.
    public init() { elements = [] }

    /// A set from key-value pairs; a later duplicate key overwrites an earlier one.
    public init(_ attributes: [(key: String, value: AttributeValue)]) {
        elements = []
        elements.reserveCapacity(attributes.count)
        for attribute in attributes { self[attribute.key] = attribute.value }
    }

    init(_ attributes: [Attribute]) {
        self.init(attributes.map { (key: $0.key, value: $0.value) })
    }

    /// A set from attributes whose keys the caller knows to be distinct and non-empty: linear,
    /// for the rare large sets (log metadata).
    init(unique attributes: [Attribute]) {
        elements = attributes
    }

    public init(dictionaryLiteral elements: (String, AttributeValue)...) {
        self.init(elements.map { (key: $0.0, value: $0.1) })
    }

    public var startIndex: Int { elements.startIndex }
    public var endIndex: Int { elements.endIndex }
    public subscript(position: Int) -> (key: String, value: AttributeValue) {
        let attribute = elements[position]
        return (attribute.key, attribute.value)
    }

    /// The value for `key`; setting `nil` removes it. An empty key is ignored: OpenTelemetry
    /// requires keys to be non-empty, and receivers refuse a span that has one.
    public subscript(key: String) -> AttributeValue? {
        get { index(of: key).map { elements[$0].value } }
        set {
            guard !key.isEmpty else { return }
            if let index = index(of: key) {
                if let newValue { elements[index].value = newValue } else { elements.remove(at: index) }
            } else if let newValue {
                elements.append(Attribute(key, newValue))
            }
        }
    }

    /// Sets `key` within a count limit.
    ///
    /// Overwriting an existing key always succeeds; a new key past `countLimit` is refused; an
    /// empty key is ignored.
    /// - Returns: `false` when the attribute was dropped for the limit.
    @discardableResult
    mutating func set(_ key: String, _ value: AttributeValue, countLimit: Int) -> Bool {
        guard !key.isEmpty else { return true }
        if let index = index(of: key) {
            elements[index].value = value
            return true
        }
        guard elements.count < countLimit else { return false }
        // Spans usually carry a handful of attributes: one allocation for the first eight
        // instead of growing through 1, 2, 4 and 8.
        if elements.capacity == 0 { elements.reserveCapacity(8) }
        elements.append(Attribute(key, value))
        return true
    }

    mutating func reserveCapacity(_ n: Int) { elements.reserveCapacity(n) }

    /// Where `key` is: the attribute whose key has the same bytes. Comparing byte counts first
    /// (O(1) for native strings) skips most comparisons.
    private func index(of key: String) -> Int? {
        let length = key.utf8.count
        // Read in place, so that no attribute is copied out (a retain and a release of its key
        // and value) whatever the optimizer makes of the loop.
        return elements.withUnsafeBufferPointer { buffer in
            for index in buffer.indices where buffer[index].key.utf8.count == length && buffer[index].key.hasSameUTF8(as: key) {
                return index
            }
            return nil
        }
    }
}
