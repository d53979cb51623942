/// Reads the top-level fields of a protobuf message: enough to decode the small messages a
/// receiver answers with (`Export*ServiceResponse`, `google.rpc.Status`), without a runtime.
public struct ProtobufReader {
    /// One field: its number and its value, as the wire type carries it.
    public enum Value: Equatable {
        case varint(UInt64)
        case fixed64(UInt64)
        case bytes(ArraySlice<UInt8>)
        case fixed32(UInt32)
    }

    /// The fields of `message` in order; `nil` when it is not well-formed protobuf.
    public static func fields(_ message: ArraySlice<UInt8>) -> [(field: Int, value: Value)]? {
        var fields: [(field: Int, value: Value)] = []
        guard forEachField(message, { fields.append(($0, $1)) }) else { return nil }
        return fields
    }

    /// Calls `visit` with each field of `message` in order, allocating nothing; `false` when it
    /// is not well-formed protobuf (the fields before the fault were visited).
    @discardableResult
    public static func forEachField(_ message: ArraySlice<UInt8>, _ visit: (_ field: Int, _ value: Value) -> Void) -> Bool {
        var i = message.startIndex
        while i < message.endIndex {
            guard let key = varint(message, &i), key >> 3 > 0, key >> 3 <= 536_870_911 else { return false }
            let field = Int(key >> 3)
            switch key & 7 {
            case 0:
                guard let v = varint(message, &i) else { return false }
                visit(field, .varint(v))
            case 1:
                guard message.endIndex - i >= 8 else { return false }
                let v = (0..<8).reduce(UInt64(0)) { $0 | UInt64(message[i + $1]) << (8 * UInt64($1)) }
                i += 8
                visit(field, .fixed64(v))
            case 2:
                guard let length = varint(message, &i), length <= UInt64(message.endIndex - i) else { return false }
                let end = i + Int(length)
                visit(field, .bytes(message[i..<end]))
                i = end
            case 5:
                guard message.endIndex - i >= 4 else { return false }
                let v = (0..<4).reduce(UInt32(0)) { $0 | UInt32(message[i + $1]) << (8 * UInt32($1)) }
                i += 4
                visit(field, .fixed32(v))
            default:
                return false
            }
        }
        return true
    }

    private static func varint(_ bytes: ArraySlice<UInt8>, _ i: inout Int) -> UInt64? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while i < bytes.endIndex, shift < 64 {
            let byte = bytes[i]
            i += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
        return nil
    }
}
