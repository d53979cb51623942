import FuzzSupport
@_spi(Fuzzing) import LLMTrace

// One input, read as text (invalid UTF-8 repaired, as a header is).
runLibFuzzer { start, count in
    Fuzzing.baggage(String(decoding: bytes(start, count), as: UTF8.self))
    return 0
}
