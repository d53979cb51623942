import FoundationEssentials

/// A JSON document read loosely, for the little the exporter reads from a receiver's answer
/// (a partial success's count and message, an error's message).
///
/// `JSONDecoder` and not `JSONSerialization`: the latter lives in Foundation proper, which
/// LLMTrace does not load (see the README's "Performance" section on memory).
enum JSONValue: Decodable, Equatable {
    case object([String: JSONValue])
    case string(String)
    case number(Double)
    /// An array, a Boolean or null: nothing the exporter reads.
    case other

    init(from decoder: any Decoder) throws {
        if let object = try? decoder.container(keyedBy: AnyKey.self) {
            var members: [String: JSONValue] = [:]
            for key in object.allKeys {
                members[key.stringValue] = try object.decode(JSONValue.self, forKey: key)
            }
            self = .object(members)
            return
        }
        let value = try decoder.singleValueContainer()
        if let text = try? value.decode(String.self) {
            self = .string(text)
        } else if let number = try? value.decode(Double.self) {
            self = .number(number)
        } else {
            self = .other
        }
    }

    /// The members of `body` when it is a JSON object; `nil` for anything else.
    static func object(in body: [UInt8]) -> [String: JSONValue]? {
        guard case .object(let members)? = try? JSONDecoder().decode(JSONValue.self, from: Data(body)) else { return nil }
        return members
    }

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// A whole number written as a number or, as OTLP/JSON writes 64-bit integers, as a string.
    var integer: Int? {
        switch self {
        case .string(let text): return Int(text)
        case .number(let number): return Int(exactly: number.rounded(.towardZero))
        default: return nil
        }
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
