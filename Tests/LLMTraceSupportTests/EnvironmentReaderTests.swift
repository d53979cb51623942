import Testing
import LLMTraceSupport

@Suite struct EnvironmentReaderTests {
    @Test func emptyOrBlankMeansUnset() {
        var reader = EnvironmentReader(["EMPTY": "", "BLANK": " \t "])
        for key in ["EMPTY", "BLANK", "MISSING"] {
            #expect(reader.string(key) == nil)
            #expect(reader.bool(key) == nil)
            #expect(reader.integer(key) == nil)
        }
        #expect(reader.warnings.isEmpty)
    }

    @Test func stringsAreTrimmedOfSpacesAndTabs() {
        let reader = EnvironmentReader(["NAME": "\t rag-demo  "])
        #expect(reader.string("NAME") == "rag-demo")
    }

    @Test func boolsAreTrueOrFalseInAnyCase() {
        var reader = EnvironmentReader(["A": "TRUE", "B": " false ", "C": "yes"])
        #expect(reader.bool("A") == true)
        #expect(reader.bool("B") == false)
        #expect(reader.bool("C") == nil)
        #expect(reader.warnings == [#"invalid value "yes" for C (expected true or false); using the default"#])
    }

    @Test func integersMustBeInRange() {
        var reader = EnvironmentReader(["N": "42", "NEG": "-1", "TEXT": "ten", "BIG": "7"])
        #expect(reader.integer("N") == 42)
        #expect(reader.integer("NEG") == nil)
        #expect(reader.integer("TEXT") == nil)
        #expect(reader.integer("BIG", in: 1...5) == nil)
        #expect(reader.milliseconds("N") == .milliseconds(42))
        #expect(reader.warnings.count == 3)
        #expect(reader.warnings[2].contains("an integer from 1 to 5"))
    }

    @Test func doublesMustBeFiniteAndInRange() {
        var reader = EnvironmentReader(["R": "0.25", "INF": "inf", "NAN": "nan", "HIGH": "2"])
        #expect(reader.double("R", in: 0...1) == 0.25)
        #expect(reader.double("INF", in: 0...1e12) == nil)
        #expect(reader.double("NAN", in: 0...1) == nil)
        #expect(reader.double("HIGH", in: 0...1) == nil)
        #expect(reader.warnings.count == 3)
    }

    @Test func choicesIgnoreCaseAndNameTheAlternatives() {
        var reader = EnvironmentReader(["C": "GZIP", "BAD": "zstd"])
        let choices = ["gzip": 1, "none": 0]
        #expect(reader.choice("C", choices) == 1)
        #expect(reader.choice("BAD", choices) == nil)
        #expect(reader.warnings == [#"invalid value "zstd" for BAD (expected one of gzip, none); using the default"#])
    }

    @Test func listsDropDuplicatesBlanksAndNone() {
        var reader = EnvironmentReader(["L": "otlp, Console,,otlp", "NONE": "none", "BAD": "otlp,bogus"])
        let parse = { (item: String) -> String? in ["otlp", "console"].contains(item) ? item : nil }
        #expect(reader.list("L", parse, expected: "otlp or console") == ["otlp", "console"])
        #expect(reader.list("NONE", parse, expected: "otlp or console") == [])
        #expect(reader.list("BAD", parse, expected: "otlp or console") == nil)
        #expect(reader.warnings.count == 1)
    }

    @Test func keyValueListsArePercentDecoded() throws {
        var reader = EnvironmentReader(["KV": "a=1, team = machine%20learning ,,", "BAD": "a=1,novalue"])
        let parsed = reader.keyValueList("KV", redactValues: false)
        let pairs = try #require(parsed)
        #expect(pairs.map(\.0) == ["a", "team"])
        #expect(pairs.map(\.1) == ["1", "machine learning"])
        #expect(reader.keyValueList("BAD", redactValues: false) == nil)
        #expect(reader.warnings.count == 1)
        #expect(reader.warnings[0].contains("a=1,novalue"))
    }

    @Test func redactedValuesNeverReachTheWarning() {
        var reader = EnvironmentReader(["HEADERS": "authorization=Bearer%20sk-secret,broken"])
        #expect(reader.keyValueList("HEADERS", redactValues: true) == nil)
        #expect(reader.warnings.count == 1)
        #expect(!reader.warnings[0].contains("sk-secret"))
        #expect(reader.warnings[0].contains("<redacted>"))
    }

    @Test func eachKeyWarnsOnce() {
        var reader = EnvironmentReader(["X": "nope"])
        _ = reader.bool("X")
        _ = reader.integer("X")
        reader.warn("X", "nope", expected: "anything")
        #expect(reader.warnings.count == 1)
    }

    @Test func firstKeyIsTheFirstThatIsSet() {
        let reader = EnvironmentReader(["GENERAL": "1", "EMPTY": " "])
        #expect(reader.firstKey("SPECIFIC", "EMPTY", "GENERAL") == "GENERAL")
        #expect(reader.firstKey("SPECIFIC", "EMPTY") == nil)
    }
}
