import FuzzSupport
@_spi(Fuzzing) import LLMTrace

// One input, as a receiver's response body.
runLibFuzzer { start, count in
    Fuzzing.exportResponse(bytes(start, count))
    return 0
}
