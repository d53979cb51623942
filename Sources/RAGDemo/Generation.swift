import Foundation
import LLMTrace
import LLMTraceGenAI
import LLMTraceSupport

/// What a generation produced.
struct Generation: Sendable {
    var text: String
    var usage: TokenUsage
    var responseModel: String
    var responseID: String?
    var finishReason: String
}
