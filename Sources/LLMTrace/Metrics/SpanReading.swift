/// What one span carries for the LLM metrics, found in a single pass over its attributes.
///
/// The pass only notes where each field is; a value is read when asked for, from the same
/// attributes. Most spans end without a model call, run or step, and are turned away after the
/// pass, so they never pay for copying the dozen strings out. Positions alone, not the
/// attributes, are kept: a reading holds no reference, so making and dropping one costs no
/// retain, no release, and no destruction through its type's metadata.
struct SpanReading {
    private let failed: Bool
    /// Position of each field's attribute in `attributes`, or -1.
    private var operationAt: Int32 = -1
    private var stepAt: Int32 = -1
    private var providerAt: Int32 = -1
    private var modelAt: Int32 = -1
    private var errorTypeAt: Int32 = -1
    private var inputTokensAt: Int32 = -1
    private var outputTokensAt: Int32 = -1
    private var timeToFirstChunkAt: Int32 = -1
    private var costAt: Int32 = -1
    private var agentNameAt: Int32 = -1
    private var toolNameAt: Int32 = -1
    private var toolTypeAt: Int32 = -1

    /// Every span ends through here and most of its keys are none of the twelve read, so the
    /// key's byte count (O(1) for native strings) turns them away before any comparison; one
    /// that passes is compared, byte for byte, with the one or two keys of its length.
    ///
    /// A failed span (`status` error) without an `error.type` counts as `_OTHER`.
    init(_ attributes: Attributes, status: SpanStatus = .unset) {
        if case .error = status { failed = true } else { failed = false }
        var position: Int32 = 0
        for attribute in attributes.elements {
            defer { position += 1 }
            let key = attribute.key
            switch key.utf8.count {
            case 8:
                if key.hasSameUTF8(as: LLMTraceAttributes.ragStep) { stepAt = position }
            case 10:
                if key.hasSameUTF8(as: OTelAttributes.errorType) { errorTypeAt = position }
            case 16:
                if key.hasSameUTF8(as: GenAI.toolName) { toolNameAt = position } else if key.hasSameUTF8(as: GenAI.toolType) { toolTypeAt = position }
            case 17:
                if key.hasSameUTF8(as: GenAI.usageCost) { costAt = position } else if key.hasSameUTF8(as: GenAI.agentName) { agentNameAt = position }
            case 20:
                if key.hasSameUTF8(as: GenAI.requestModel) { modelAt = position } else if key.hasSameUTF8(as: GenAI.providerName) { providerAt = position }
            case 21:
                if key.hasSameUTF8(as: GenAI.operationName) { operationAt = position }
            case 25:
                if key.hasSameUTF8(as: GenAI.usageInputTokens) { inputTokensAt = position }
            case 26:
                if key.hasSameUTF8(as: GenAI.usageOutputTokens) { outputTokensAt = position }
            case 35:
                if key.hasSameUTF8(as: GenAI.responseTimeToFirstChunk) { timeToFirstChunkAt = position }
            default:
                continue
            }
        }
    }

    /// Whether `attributes` may hold what makes a span count (an operation name or a RAG step):
    /// a span whose keys have neither byte count is turned away without the pass. (The counts
    /// are the `case`s of `init` for those two keys; a test keeps them equal to the keys'.)
    static func mayCount(_ attributes: Attributes) -> Bool {
        attributes.mayHaveKey(ofLength: 21) || attributes.mayHaveKey(ofLength: 8)
    }

    // The fields, read from the attributes the reading was made from.
    func operation(in attributes: Attributes) -> String? { string(at: operationAt, attributes) }
    func step(in attributes: Attributes) -> String? { string(at: stepAt, attributes) }
    func provider(in attributes: Attributes) -> String { string(at: providerAt, attributes) ?? "" }
    func model(in attributes: Attributes) -> String { string(at: modelAt, attributes) ?? "" }
    func errorType(in attributes: Attributes) -> String? { string(at: errorTypeAt, attributes) ?? (failed ? OTelAttributes.errorTypeOther : nil) }
    func inputTokens(in attributes: Attributes) -> Double? { number(at: inputTokensAt, attributes).flatMap { $0 >= 0 ? $0 : nil } }
    func outputTokens(in attributes: Attributes) -> Double? { number(at: outputTokensAt, attributes).flatMap { $0 >= 0 ? $0 : nil } }
    func timeToFirstChunk(in attributes: Attributes) -> Double? { number(at: timeToFirstChunkAt, attributes).flatMap { $0.isFinite && $0 >= 0 ? $0 : nil } }
    func cost(in attributes: Attributes) -> Double? { number(at: costAt, attributes).flatMap { $0.isFinite && $0 > 0 ? $0 : nil } }
    func agentName(in attributes: Attributes) -> String { string(at: agentNameAt, attributes) ?? "" }
    func toolName(in attributes: Attributes) -> String { string(at: toolNameAt, attributes) ?? "" }
    func toolType(in attributes: Attributes) -> String { string(at: toolTypeAt, attributes) ?? "" }

    private func string(at position: Int32, _ attributes: Attributes) -> String? {
        position < 0 ? nil : LLMMetrics.string(attributes.elements[Int(position)].value)
    }

    private func number(at position: Int32, _ attributes: Attributes) -> Double? {
        position < 0 ? nil : attributes.elements[Int(position)].value.numericValue
    }
}
