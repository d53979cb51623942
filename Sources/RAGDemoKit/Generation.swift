import Foundation
import LLMTrace
import LLMTraceGenAI

/// What a generation produced.
public struct Generation: Sendable {
    public var text: String
    public var usage: TokenUsage
    public var responseModel: String
    public var responseID: String?
    public var finishReason: String

    public init(text: String, usage: TokenUsage, responseModel: String, responseID: String?, finishReason: String) {
        self.text = text
        self.usage = usage
        self.responseModel = responseModel
        self.responseID = responseID
        self.finishReason = finishReason
    }
}
