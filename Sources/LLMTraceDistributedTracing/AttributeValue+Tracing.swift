import LLMTrace
import Tracing

extension AttributeValue {
    /// The LLMTrace value of a Tracing-API attribute: integers of both widths become `int`,
    /// `CustomStringConvertible` values their description; `nil` for a kind LLMTrace does not know.
    init?(_ attribute: SpanAttribute) {
        switch attribute {
        case .int32(let value): self = .int(Int(value))
        case .int64(let value): self = .int(Int(value))
        case .int32Array(let values): self = .intArray(values.map { Int($0) })
        case .int64Array(let values): self = .intArray(values.map { Int($0) })
        case .double(let value): self = .double(value)
        case .doubleArray(let values): self = .doubleArray(values)
        case .bool(let value): self = .bool(value)
        case .boolArray(let values): self = .boolArray(values)
        case .string(let value): self = .string(value)
        case .stringArray(let values): self = .stringArray(values)
        case .stringConvertible(let value): self = .string(value.description)
        case .stringConvertibleArray(let values): self = .stringArray(values.map(\.description))
        default: return nil
        }
    }

    /// The Tracing-API form of this value.
    var spanAttribute: SpanAttribute {
        switch self {
        case .string(let value): return .string(value)
        case .bool(let value): return .bool(value)
        case .int(let value): return .int64(Int64(value))
        case .double(let value): return .double(value)
        case .stringArray(let values): return .stringArray(values)
        case .boolArray(let values): return .boolArray(values)
        case .intArray(let values): return .int64Array(values.map { Int64($0) })
        case .doubleArray(let values): return .doubleArray(values)
        }
    }
}

extension Attributes {
    /// The LLMTrace form of Tracing-API attributes; kinds LLMTrace does not know are left out.
    init(_ attributes: SpanAttributes) {
        var pairs: [(key: String, value: AttributeValue)] = []
        pairs.reserveCapacity(attributes.count)
        attributes.forEach { key, attribute in
            if let value = AttributeValue(attribute) { pairs.append((key, value)) }
        }
        self.init(pairs)
    }
}

extension SpanAttributes {
    /// The Tracing-API form of LLMTrace attributes.
    init(_ attributes: Attributes) {
        var dictionary: [String: SpanAttribute] = [:]
        dictionary.reserveCapacity(attributes.count)
        for attribute in attributes { dictionary[attribute.key] = attribute.value.spanAttribute }
        self.init(dictionary)
    }
}

extension LLMTrace.SpanKind {
    /// The LLMTrace kind of a Tracing-API kind (the same five).
    init(_ kind: Tracing.SpanKind) {
        switch kind {
        case .server: self = .server
        case .client: self = .client
        case .producer: self = .producer
        case .consumer: self = .consumer
        case .internal: self = .internal
        }
    }
}
