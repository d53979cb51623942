/// A typed attribute value, as OpenTelemetry allows on spans, events, links and resources.
///
/// Arrays are homogeneous. Strings are always valid UTF-8 (Swift repairs invalid input when a
/// `String` is made from C bytes), so nothing here can produce an invalid payload.
public enum AttributeValue: Sendable, Hashable {
    case string(String)
    case bool(Bool)
    case int(Int)
    case double(Double)
    case stringArray([String])
    case boolArray([Bool])
    case intArray([Int])
    case doubleArray([Double])

    /// Applies a length limit in characters to strings and to each string of an array.
    ///
    /// Cuts on `Character` boundaries, so a truncated value is still valid UTF-8 and never ends
    /// inside a grapheme.
    func truncated(toCharacters limit: Int?) -> (value: AttributeValue, truncated: Bool) {
        guard let limit else { return (self, false) }
        switch self {
        case .string(let s):
            let cut = s.truncated(toCharacters: limit)
            return (.string(cut.value), cut.truncated)
        case .stringArray(let values):
            var any = false
            let cut = values.map { value -> String in
                let c = value.truncated(toCharacters: limit)
                any = any || c.truncated
                return c.value
            }
            return (.stringArray(cut), any)
        default:
            return (self, false)
        }
    }

    /// The value as a `Double`, for numeric rules; `nil` for non-numbers.
    public var numericValue: Double? {
        switch self {
        case .int(let v): return Double(v)
        case .double(let v): return v
        default: return nil
        }
    }
}

extension AttributeValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension AttributeValue: CustomStringConvertible {
    public var description: String {
        switch self {
        case .string(let v): return v
        case .bool(let v): return String(v)
        case .int(let v): return String(v)
        case .double(let v): return String(v)
        case .stringArray(let v): return "[" + v.joined(separator: ", ") + "]"
        case .boolArray(let v): return "[" + v.map(String.init).joined(separator: ", ") + "]"
        case .intArray(let v): return "[" + v.map(String.init).joined(separator: ", ") + "]"
        case .doubleArray(let v): return "[" + v.map { String($0) }.joined(separator: ", ") + "]"
        }
    }
}

/// One key and its value.
public struct Attribute: Sendable, Hashable {
    /// The attribute name, for example `gen_ai.request.model`.
    public var key: String
    /// The typed value.
    public var value: AttributeValue

    /// Creates an attribute.
    public init(_ key: String, _ value: AttributeValue) {
        self.key = key
        self.value = value
    }
}

/// An ordered attribute set in which a key appears at most once.
///
/// Linear search beats hashing for the handful of attributes a span carries, and keeps the
/// order callers set them in, which is the order exporters write.
public struct Attributes: Sendable, Hashable, RandomAccessCollection, ExpressibleByDictionaryLiteral {
    /// The attributes, in the order first set.
    public private(set) var elements: [Attribute]

    /// An empty set.
    public init() { elements = [] }

    /// A set from attributes; a later duplicate key overwrites an earlier one.
    public init(_ attributes: [Attribute]) {
        elements = []
        elements.reserveCapacity(attributes.count)
        for attribute in attributes { self[attribute.key] = attribute.value }
    }

    public init(dictionaryLiteral elements: (String, AttributeValue)...) {
        self.init(elements.map { Attribute($0.0, $0.1) })
    }

    public var startIndex: Int { elements.startIndex }
    public var endIndex: Int { elements.endIndex }
    public subscript(position: Int) -> Attribute { elements[position] }

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

    /// Where `key` is. Comparing byte counts first (O(1) for native strings) skips most full
    /// string comparisons.
    private func index(of key: String) -> Int? {
        let length = key.utf8.count
        return elements.firstIndex { $0.key.utf8.count == length && $0.key == key }
    }
}

extension String {
    /// The first `limit` characters; cheap when the string is already short enough.
    func truncated(toCharacters limit: Int) -> (value: String, truncated: Bool) {
        // A character is at least one byte, so a string with no more bytes than the limit fits.
        if utf8.count <= limit { return (self, false) }
        guard count > limit else { return (self, false) }
        return (String(prefix(max(0, limit))), true)
    }
}
