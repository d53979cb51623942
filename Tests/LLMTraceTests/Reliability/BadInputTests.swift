import Foundation
import Testing
@testable import LLMTrace
import LLMTraceTesting
import LLMTraceSupport

/// Bad input never crashes LLMTrace and never loses the rest of the data: invalid headers start
/// a new trace, garbage settings fall back to defaults with one warning, odd attribute values
/// export as valid OTLP/JSON (every body here is replayed to the strict receiver by the test
/// script).
@Suite struct BadInputTests {
    /// A small deterministic generator, so a failure can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let valid = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

    /// The W3C Trace Context rules, written out plainly, to judge the parser by.
    static func isValidTraceParent(_ header: String) -> Bool {
        let bytes = Array(header.utf8)
        guard bytes.count >= 55 else { return false }
        let hex = { (range: Range<Int>) in bytes[range].allSatisfy { (48...57).contains($0) || (97...102).contains($0) } }
        guard hex(0..<2), bytes[2] == 45, hex(3..<35), bytes[35] == 45, hex(36..<52), bytes[52] == 45, hex(53..<55) else { return false }
        let version = String(decoding: bytes[0..<2], as: UTF8.self)
        guard version != "ff" else { return false }
        if version == "00" && bytes.count != 55 { return false }
        if bytes.count > 55 && bytes[55] != 45 { return false }
        return !bytes[3..<35].allSatisfy { $0 == 48 } && !bytes[36..<52].allSatisfy { $0 == 48 }
    }

    /// Mutations of a valid header: the near misses a fuzzer of random bytes would rarely hit.
    static func mutate(_ header: String, _ random: inout SplitMix) -> String {
        var bytes = Array(header.utf8)
        switch random.next() % 8 {
        case 0: bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next())
        case 1: bytes = Array(bytes.prefix(Int(random.next() % 60)))
        case 2: bytes += Array("-\(random.next() % 100)".utf8)
        case 3: bytes = Array(header.uppercased().utf8)
        case 4: bytes.replaceSubrange(0..<2, with: Array("ff".utf8))
        case 5: bytes.replaceSubrange(3..<35, with: [UInt8](repeating: 48, count: 32))
        case 6: bytes.replaceSubrange(36..<52, with: [UInt8](repeating: 48, count: 16))
        default: bytes.replaceSubrange(0..<2, with: Array(String(format: "%02x", random.next() % 256).utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func fuzzedTraceParentsAreJudgedByTheSpecAndBadOnesStartANewTrace() {
        var random = SplitMix(state: 42)
        let propagator = W3CTraceContextPropagator()
        let (provider, exporter) = TestTracing.provider()
        let tracer = provider.tracer("fuzz")
        var accepted = 0
        for round in 0..<20_000 {
            let header: String
            if round % 2 == 0 {
                header = Self.mutate(Self.valid, &random)
            } else {
                let length = Int(random.next() % 80)
                header = String(decoding: (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }, as: UTF8.self)
            }
            let context = propagator.extract(from: ["traceparent": header, "tracestate": "a=b"])
            #expect((context != nil) == Self.isValidTraceParent(header), "traceparent \(header.debugDescription)")
            if let context {
                accepted += 1
                var injected: [String: String] = [:]
                propagator.inject(context, into: &injected)
                #expect(injected["traceparent"].map(Self.isValidTraceParent) == true)
            }
            if round % 100 == 0 {
                // A bad header leaves no parent: the span starts a trace of its own.
                let span = tracer.startSpan("server", parent: context.map { .context($0) } ?? .root)
                #expect(span.context.isValid)
                if context == nil { #expect(span.parentSpanID == nil) }
                span.end()
            }
        }
        #expect(accepted > 100) // the mutations keep some headers valid
        #expect(provider.shutdown(timeout: .seconds(5)))
        #expect(exporter.spans.count == 200)
    }

    @Test func fuzzedTraceStatesAreKeptWholeOrDropped() {
        var random = SplitMix(state: 7)
        let alphabet = Array("abz09_-*/@=,; \t\u{7f}ÄA".unicodeScalars)
        for _ in 0..<20_000 {
            let length = Int(random.next() % 120)
            let header = String(String.UnicodeScalarView((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }))
            guard let state = TraceState(header: header) else { continue }
            #expect(state.entries.count <= TraceState.maxEntries)
            // What parses, prints back into something that parses to the same entries.
            #expect(TraceState(header: state.header) == state)
        }
        // 33 members is one too many for W3C.
        let tooMany = (0..<33).map { "k\($0)=v" }.joined(separator: ",")
        #expect(TraceState(header: tooMany) == nil)
    }

    /// Every `OTEL_*` and `LLMTRACE_*` name the sources read.
    static func environmentKeys() throws -> [String] {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../Sources").standardized
        var keys = Set<String>()
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        let pattern = try Regex(#""((?:OTEL|LLMTRACE)_[A-Z0-9_]+)""#)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift" else { continue }
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: pattern) {
                if let key = match.output[1].substring { keys.insert(String(key)) }
            }
        }
        return keys.filter { !$0.hasSuffix("_") }.sorted()
    }

    @Test(arguments: ["garbage", "-1", "99999999999999999999999", "NaN", "1e309", "", " ", "\u{0}\u{1}", "%zz", "🚀", "true,false", "=,=,="])
    func garbageInEveryVariableWarnsOncePerKeyAndTracesOn(_ garbage: String) throws {
        let keys = try Self.environmentKeys()
        #expect(keys.count > 40)
        var environment = Dictionary(uniqueKeysWithValues: keys.map { ($0, garbage) })
        environment["OTEL_SDK_DISABLED"] = "false"
        environment["OTEL_METRICS_EXPORTER"] = "none"
        environment["OTEL_TRACES_EXPORTER"] = "none"
        let configuration = TracingConfiguration(environment: environment)
        for warning in configuration.warnings {
            #expect(keys.contains { warning.contains($0) }, "warning names no variable: \(warning)")
        }
        let warned = configuration.warnings.compactMap { warning in keys.first { warning.contains(" \($0) ") } }
        #expect(Set(warned).count == warned.count, "a variable warned twice")
        // Header values are secrets: a malformed header list is never echoed.
        #expect(!configuration.warnings.contains { $0.contains("OTEL_EXPORTER_OTLP_HEADERS") && $0.contains("\"\(garbage)\"") && !garbage.isEmpty })

        let exporter = InMemorySpanExporter()
        let log = LogCapture()
        let provider = TracerProvider(configuration: configuration, processors: [BatchSpanProcessor(exporter: exporter)], logger: log.logger)
        #expect(log.messages.count == configuration.warnings.count)
        provider.tracer("garbage").withSpan("still traced") { _ in }
        #expect(provider.shutdown(timeout: .seconds(5)))
        #expect(exporter.spans.map(\.name) == ["still traced"])
    }

    @Test func oddValuesExportAsValidJSONWithNothingElseLost() throws {
        let receiver = try TestReceiver()
        var configuration = TracingConfiguration(environment: ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": receiver.url, "OTEL_METRICS_EXPORTER": "none"])
        configuration.batch.scheduleDelay = .seconds(3600)
        let provider = TracerProvider(configuration: configuration)
        let tracer = provider.tracer("bad-input")

        // Bytes that are not UTF-8, read as a C string: repaired to U+FFFD, never passed through.
        let invalidUTF8: [CChar] = [0x61, -1, -2, 0x62, -61, 0]
        let fromC = invalidUTF8.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        let control = String(String.UnicodeScalarView((0..<32).compactMap(Unicode.Scalar.init) + ["\u{7f}", "\u{2028}", "\u{2029}", "\"", "\\"]))
        let huge = String(repeating: "é", count: 2_000_000)
        let span = tracer.startSpan("")
        span.setAttribute("from.c", fromC)
        span.setAttribute("control", control)
        span.setAttribute("huge", huge)
        span.setAttribute("nan", Double.nan)
        span.setAttribute("inf", [Double.infinity, -Double.infinity, -0.0, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude])
        span.setAttribute("long.array", Array(0..<100_000))
        span.setAttribute("", "empty key")
        span.setAttribute(control, "control key")
        span.addEvent(control)
        span.end()
        tracer.startSpan(String(repeating: "n", count: 3 << 20)).end()
        tracer.withSpan("after the odd ones") { _ in }
        #expect(provider.shutdown(timeout: .seconds(20)))

        let spans = receiver.spans
        #expect(spans.count == 3)
        #expect(provider.statistics.exported == 3)
        // Receivers require a name: an empty one is sent as "unnamed".
        let odd = try #require(spans.first { ($0["name"] as? String) == "unnamed" })
        let attributes = Dictionary((odd["attributes"] as? [[String: Any]] ?? []).map { ($0["key"] as! String, $0["value"] as! [String: Any]) }, uniquingKeysWith: { a, _ in a })
        #expect(attributes["from.c"]?["stringValue"] as? String == "a\u{FFFD}\u{FFFD}b\u{FFFD}")
        #expect(attributes["control"]?["stringValue"] as? String == control)
        #expect((attributes["huge"]?["stringValue"] as? String)?.count == huge.count)
        #expect(attributes["nan"]?["doubleValue"] as? String == "NaN")
        #expect(attributes[""] == nil) // an empty key is ignored: receivers refuse it
        #expect(attributes[control]?["stringValue"] as? String == "control key")
        #expect(spans.contains { ($0["name"] as? String)?.utf8.count == 3 << 20 })
    }

    @Test func aBatchOverTheRequestLimitIsSentInHalvesLosingOnlyTheSpanTooLargeAlone() throws {
        let receiver = try TestReceiver()
        var configuration = TracingConfiguration(environment: ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": receiver.url, "OTEL_METRICS_EXPORTER": "none"])
        configuration.batch.scheduleDelay = .seconds(3600)
        configuration.otlp.maxRequestBytes = 64 << 10
        let provider = TracerProvider(configuration: configuration)
        let tracer = provider.tracer("halves")
        for i in 0..<40 { tracer.startSpan("span-\(i)", attributes: ["pad": .string(String(repeating: "x", count: 4000))]).end() }
        tracer.startSpan("too large alone", attributes: ["pad": .string(String(repeating: "y", count: 100_000))]).end()
        #expect(provider.shutdown(timeout: .seconds(10)))
        #expect(receiver.spans.count == 40)
        #expect(receiver.requests.count > 1)
        let statistics = provider.statistics
        #expect(statistics.exported == 40)
        #expect(statistics.rejected == 1)
    }

    @Test func spansEndedTwiceNeverOrFromAnotherThreadAreExportedOnceOrNotAtAll() async {
        let (provider, exporter) = TestTracing.provider()
        let tracer = provider.tracer("lifecycle")
        let twice = tracer.startSpan("ended twice")
        twice.end()
        twice.end()
        _ = tracer.startSpan("never ended")
        let elsewhere = tracer.startSpan("ended on another thread")
        await withCheckedContinuation { continuation in
            Thread {
                elsewhere.end()
                elsewhere.end()
                continuation.resume()
            }.start()
        }
        // Many threads racing to end one span: it still ends once.
        let raced = tracer.startSpan("raced")
        DispatchQueue.concurrentPerform(iterations: 64) { _ in raced.end() }
        #expect(provider.shutdown(timeout: .seconds(5)))
        #expect(exporter.spans.map(\.name).sorted() == ["ended on another thread", "ended twice", "raced"])
        tracer.startSpan("after shutdown").end()
        #expect(provider.statistics.ignoredAfterShutdown == 1)
    }
}
