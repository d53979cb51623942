import Foundation

/// The pricing file's parser, for the fuzz target under `Fuzz/`: any bytes give a table or a
/// `PricingFileError`, and a table never holds a negative or non-finite price. Not API.
@_spi(Fuzzing)
public enum GenAIFuzzing {
    /// Reads `bytes` as a pricing file, and any text as a model name to price.
    public static func pricingFile(_ bytes: [UInt8]) {
        // The lookup reads model names from spans: any text maps to a price or to none.
        _ = PricingTable.builtIn.price(for: String(decoding: bytes.prefix(80), as: UTF8.self))
        guard let table = try? PricingTable.load(Data(bytes), path: "fuzz.json", extending: PricingTable(["base": ModelPrice(input: 1, output: 2)])) else { return }
        for (name, price) in table.prices {
            let values = [price.input, price.output, price.cachedInput ?? 0, price.cacheWrite ?? 0]
            guard values.allSatisfy({ $0.isFinite && $0 >= 0 }) else { fatalError("price of \(name) is \(values)") }
        }
    }
}
