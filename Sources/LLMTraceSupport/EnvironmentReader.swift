/// Reads typed values from an environment dictionary by the rules of the OpenTelemetry
/// "Environment Variable Specification", collecting one warning per invalid value.
///
/// Empty means unset. An invalid value gives `nil`, so the caller keeps its default.
public struct EnvironmentReader {
    public let environment: [String: String]
    public private(set) var warnings: [String] = []
    private var warnedKeys = Set<String>()

    public init(_ environment: [String: String]) { self.environment = environment }

    /// The trimmed value, `nil` when unset or empty.
    public func string(_ key: String) -> String? {
        guard let raw = environment[key] else { return nil }
        let trimmed = raw.trimmingOWS()
        return trimmed.isEmpty ? nil : String(trimmed)
    }

    /// The first of `keys` that is set (per-signal variables before general ones).
    public func firstKey(_ keys: String...) -> String? {
        keys.first { string($0) != nil }
    }

    /// Records one warning for `key`; a variable read for several signals warns once.
    public mutating func warn(_ key: String, _ value: String?, expected: String, redact: Bool = false) {
        guard warnedKeys.insert(key).inserted else { return }
        let shown = redact ? "<redacted>" : "\"\(value ?? "")\""
        warnings.append("invalid value \(shown) for \(key) (expected \(expected)); using the default")
    }

    public mutating func bool(_ key: String) -> Bool? {
        guard let value = string(key) else { return nil }
        switch value.lowercased() {
        case "true": return true
        case "false": return false
        default:
            warn(key, value, expected: "true or false")
            return nil
        }
    }

    /// An integer in `range`.
    public mutating func integer(_ key: String, in range: ClosedRange<Int> = 0...Int(Int32.max)) -> Int? {
        guard let value = string(key) else { return nil }
        guard let number = Int(value), range.contains(number) else {
            warn(key, value, expected: "an integer from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return number
    }

    /// Milliseconds, zero or more.
    public mutating func milliseconds(_ key: String) -> Duration? {
        integer(key).map { .milliseconds($0) }
    }

    /// A floating-point number in `range`.
    public mutating func double(_ key: String, in range: ClosedRange<Double>) -> Double? {
        guard let value = string(key) else { return nil }
        guard let number = Double(value), number.isFinite, range.contains(number) else {
            warn(key, value, expected: "a number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return number
    }

    /// One of `choices` (case-insensitive).
    public mutating func choice<T>(_ key: String, _ choices: [String: T]) -> T? {
        guard let value = string(key) else { return nil }
        guard let choice = choices[value.lowercased()] else {
            warn(key, value, expected: "one of \(choices.keys.sorted().joined(separator: ", "))")
            return nil
        }
        return choice
    }

    /// A comma list of choices (case-insensitive, duplicates removed); `none` stands for nothing.
    /// - Returns: `nil` (with a warning) if any item is unknown.
    public mutating func list<T: Equatable>(_ key: String, _ parse: (String) -> T?, expected: String) -> [T]? {
        guard let value = string(key) else { return nil }
        var result: [T] = []
        for item in value.lowercased().split(separator: ",").map({ String($0.trimmingOWS()) }) where !item.isEmpty && item != "none" {
            guard let parsed = parse(item) else {
                warn(key, value, expected: expected)
                return nil
            }
            if !result.contains(parsed) { result.append(parsed) }
        }
        return result
    }

    /// A `key=value,key=value` list with percent-encoded parts (resource attributes, headers).
    /// - Returns: `nil` (with a warning) if any member is malformed.
    public mutating func keyValueList(_ key: String, redactValues: Bool) -> [(String, String)]? {
        guard let value = string(key) else { return nil }
        var result: [(String, String)] = []
        for member in value.split(separator: ",", omittingEmptySubsequences: true) {
            let trimmed = member.trimmingOWS()
            if trimmed.isEmpty { continue }
            guard let eq = trimmed.firstIndex(of: "="),
                  let name = PercentDecoding.decode(trimmed[..<eq].trimmingOWS()), !name.isEmpty,
                  let decoded = PercentDecoding.decode(trimmed[trimmed.index(after: eq)...].trimmingOWS())
            else {
                warn(key, value, expected: "comma-separated key=value pairs, percent-encoded", redact: redactValues)
                return nil
            }
            result.append((name, decoded))
        }
        return result
    }
}
