import FuzzSupport
@_spi(Fuzzing) import LLMTraceGenAI

// One input, as the contents of a pricing file.
runLibFuzzer { start, count in
    GenAIFuzzing.pricingFile(bytes(start, count))
    return 0
}
