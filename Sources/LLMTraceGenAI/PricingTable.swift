import Foundation

/// Prices by model name, with lookup that maps dated snapshots (`gpt-4o-2024-08-06`,
/// `claude-3-5-sonnet-20241022`, Bedrock and Vertex spellings) to their base model.
public struct PricingTable: Sendable, Equatable {
    /// Prices by lowercase base model name.
    public private(set) var prices: [String: ModelPrice]

    /// A table of `prices` (names are matched case-insensitively).
    public init(_ prices: [String: ModelPrice]) {
        self.prices = Dictionary(prices.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, last in last })
    }

    /// The price of `model`: its exact name first, then its base model name; `nil` if unknown.
    public func price(for model: String) -> ModelPrice? {
        let lower = model.lowercased().trimmingCharacters(in: .whitespaces)
        return prices[lower] ?? prices[Self.baseModelName(lower)]
    }

    /// Adds or replaces prices.
    public mutating func merge(_ other: PricingTable) {
        prices.merge(other.prices) { _, new in new }
    }

    /// The base model of a provider's model id: provider prefixes (`openai/`, `anthropic.`,
    /// `us.anthropic.`), version suffixes (`-v2:0`, `@20240620`, `-latest`) and snapshot dates
    /// (`-2024-08-06`, `-20241022`, `-0613`) removed.
    public static func baseModelName(_ model: String) -> String {
        var name = Substring(model.lowercased())
        if let slash = name.lastIndex(of: "/") { name = name[name.index(after: slash)...] }
        for vendor in ["anthropic.", "openai.", "meta.", "cohere.", "mistral."] {
            if let range = name.range(of: vendor) { name = name[range.upperBound...] }
        }
        if let at = name.firstIndex(of: "@") { name = name[..<at] }
        var hadBedrockVersion = false
        if let colon = name.lastIndex(of: ":"), name[name.index(after: colon)...].allSatisfy(\.isNumber) {
            name = name[..<colon]
            hadBedrockVersion = true
        }
        if name.hasSuffix("-latest") { name = name.dropLast(7) }
        var parts = name.split(separator: "-", omittingEmptySubsequences: false)
        // Bedrock ids end in `-v2:0`; elsewhere a `-vN` is part of the model's name.
        if hadBedrockVersion, parts.count > 1, let last = parts.last, last.count > 1, last.first == "v", last.dropFirst().allSatisfy(\.isNumber) {
            parts.removeLast()
        }
        let isDigits = { (part: Substring) in !part.isEmpty && part.allSatisfy(\.isNumber) }
        if parts.count > 3, parts.suffix(3).map(\.count) == [4, 2, 2], parts.suffix(3).allSatisfy(isDigits) {
            parts.removeLast(3)
        } else if parts.count > 1, let last = parts.last, last.count == 8 || last.count == 4, isDigits(last) {
            parts.removeLast()
        }
        return parts.joined(separator: "-")
    }

    /// Loads prices from a JSON file:
    ///
    /// ```json
    /// {"mode": "extend",
    ///  "models": {"my-model": {"input": 0.5, "output": 1.5, "cached_input": 0.05}}}
    /// ```
    ///
    /// `mode` is `extend` (default: the file's prices are added to `base`, winning on the same
    /// name) or `replace` (only the file's prices). Prices are USD per million tokens.
    /// - Throws: `PricingFileError` when the file cannot be read or is not of this shape.
    public static func load(contentsOf path: String, extending base: PricingTable) throws -> PricingTable {
        guard let data = FileManager.default.contents(atPath: path) else { throw PricingFileError(path: path, reason: "cannot be read") }
        return try load(data, path: path, extending: base)
    }

    /// Reads the contents of a pricing file; `path` names it in errors.
    static func load(_ data: Data, path: String, extending base: PricingTable) throws -> PricingTable {
        struct File: Decodable {
            var mode: String?
            var models: [String: ModelPrice]
        }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw PricingFileError(path: path, reason: "is not {\"models\": {name: {\"input\": n, \"output\": n}}}: \(error)")
        }
        for (name, price) in file.models {
            let values = [price.input, price.output, price.cachedInput ?? 0, price.cacheWrite ?? 0]
            guard values.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
                throw PricingFileError(path: path, reason: "has a negative or non-finite price for \(name)")
            }
        }
        switch file.mode?.lowercased() ?? "extend" {
        case "extend":
            var table = base
            table.merge(PricingTable(file.models))
            return table
        case "replace":
            return PricingTable(file.models)
        default:
            throw PricingFileError(path: path, reason: "has mode \(file.mode ?? ""), expected extend or replace")
        }
    }
}
