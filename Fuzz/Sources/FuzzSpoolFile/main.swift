import FuzzSupport
@_spi(Fuzzing) import LLMTrace

// One input, as the bytes of a file in the spool directory.
runLibFuzzer { start, count in
    Fuzzing.spoolFile(bytes(start, count))
    return 0
}
