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
