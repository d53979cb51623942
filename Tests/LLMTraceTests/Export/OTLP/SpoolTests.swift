import Foundation
import Logging
import Testing
@testable import LLMTrace
import LLMTraceTesting
import LLMTraceSupport
import Synchronization

/// The spool: what one process could not send, the next one sends, once.
@Suite struct SpoolTests {
    static func directory() -> String {
        let path = NSTemporaryDirectory() + "llmtrace-spool-\(UUID().uuidString)"
        return path
    }

    static func batch(_ text: String, items: Int = 3) -> EncodedBatch {
        EncodedBatch(body: Array(text.utf8), storage: .plain, wireProtocol: .httpJSON, items: items)
    }

    static func configuration(_ url: String, spool: String) -> TracingConfiguration {
        DeliveryQueueTests.configuration(url) { configuration in
            configuration.otlp.delivery.spoolDirectory = spool
        }
    }

    @Test func filesRoundTripAndDamageIsDetected() throws {
        let batch = EncodedBatch(body: Array("{\"resourceSpans\":[]}".utf8), storage: .gzippedAtRest, wireProtocol: .httpProtobuf, items: 7)
        let bytes = SpoolFile.encode(batch)
        let decoded = try #require(SpoolFile.decode(bytes))
        #expect(decoded.body == batch.body)
        #expect(decoded.storage == .gzippedAtRest)
        #expect(decoded.wireProtocol == .httpProtobuf)
        #expect(decoded.items == 7)
        #expect(SpoolFile.decode(Array(bytes.dropLast())) == nil)
        var flipped = bytes
        flipped[flipped.count - 1] ^= 1
        #expect(SpoolFile.decode(flipped) == nil)
        #expect(SpoolFile.decode(Array(bytes.prefix(20))) == nil)
        // What the first fuzzing run found: a set reserved byte passed as a valid file.
        var reserved = bytes
        reserved[28] = 1
        #expect(SpoolFile.decode(reserved) == nil)
        #expect(SpoolFile.decode([]) == nil)
    }

    @Test func whatOneProviderCouldNotSendTheNextSendsAndDeletes() throws {
        let directory = Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let port = LoopbackHTTPServer.unusedPort()
        let url = "http://127.0.0.1:\(port)/v1/traces"

        let first = TracerProvider(configuration: Self.configuration(url, spool: directory))
        DeliveryQueueTests.spans(first, 1_050)
        #expect(first.shutdown(timeout: .seconds(2)))
        let left = first.statistics
        #expect(left.failed == 0)
        #expect(left.lost == 0)
        #expect(left.spooled == 1_050)
        #expect(left.pending == 1_050)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory + "/traces").filter { $0.hasSuffix(".otlp") }
        #expect(files.count == 11)

        let receiver = try TestReceiver(port: port)
        let second = TracerProvider(configuration: Self.configuration(url, spool: directory))
        DeliveryQueueTests.spans(second, 10, prefix: "second")
        #expect(second.forceFlush(timeout: .seconds(20)))
        let statistics = second.statistics
        #expect(statistics.recovered == 1_050)
        #expect(statistics.exported == 1_060)
        #expect(statistics.spooled == 0)
        #expect(statistics.pending == 0)
        let names = DeliveryQueueTests.names(receiver)
        #expect(names.count == 1_060)
        #expect(Set(names).count == 1_060)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/traces").isEmpty)
        #expect(second.shutdown(timeout: .seconds(5)))
    }

    @Test func tornAndDamagedFilesAreSkippedAndCounted() throws {
        let directory = Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let spool = try Spool(directory: directory, maxBytes: 1 << 20, logger: Logger(label: "test"))
        #expect(spool.store(Self.batch("{\"good\":1}")))
        let whole = SpoolFile.encode(Self.batch("{\"torn\":1}"))
        try Data(whole.prefix(whole.count - 3)).write(to: URL(fileURLWithPath: directory + "/00000000000000000001-1-1.otlp"))
        try Data("not a spool file at all".utf8).write(to: URL(fileURLWithPath: directory + "/00000000000000000002-1-1.otlp"))
        // A temporary file of a process that no longer runs: the batch it was writing when killed.
        try Data(whole.prefix(10)).write(to: URL(fileURLWithPath: directory + "/.tmp-999999999-1"))

        let reader = try Spool(directory: directory, maxBytes: 1 << 20, logger: Logger(label: "test"))
        let claim = try #require(reader.claimOldest())
        #expect(String(decoding: claim.batch.body, as: UTF8.self) == "{\"good\":1}")
        #expect(reader.figures.corruptFiles == 2)
        #expect(reader.figures.recovered == 3)
        reader.finish(claim)
        #expect(reader.claimOldest() == nil)
        #expect(reader.figures.items == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }

    @Test func twoSpoolsOnOneDirectoryNeverSendTheSameFile() throws {
        let directory = Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let writer = try Spool(directory: directory, maxBytes: 1 << 20, logger: Logger(label: "test"))
        #expect(writer.store(Self.batch("{\"only\":1}")))
        // flock locks belong to each open file, so two spools in one process contend as two
        // processes do.
        let a = try Spool(directory: directory, maxBytes: 1 << 20, logger: Logger(label: "test"))
        let b = try Spool(directory: directory, maxBytes: 1 << 20, logger: Logger(label: "test"))
        let claimed = try #require(a.claimOldest())
        #expect(b.claimOldest() == nil)
        a.finish(claimed)
        #expect(b.claimOldest() == nil)
        #expect(a.figures.recovered + b.figures.recovered == 3)
    }

    @Test func aFullSpoolDeletesTheOldestFilesAndCountsTheirItems() throws {
        let directory = Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fileBytes = SpoolFile.encode(Self.batch("{\"n\":0}")).count
        let spool = try Spool(directory: directory, maxBytes: fileBytes * 3, logger: Logger(label: "test"))
        for n in 0..<5 { #expect(spool.store(Self.batch("{\"n\":\(n)}"))) }
        #expect(spool.figures.evicted == 6)
        #expect(spool.figures.items == 9)
        #expect(spool.figures.bytes <= fileBytes * 3)
        let oldest = try #require(spool.claimOldest())
        #expect(String(decoding: oldest.batch.body, as: UTF8.self) == "{\"n\":2}")
        spool.release(oldest)
    }

    @Test func anUnusableDirectoryLeavesTheBacklogInMemory() throws {
        let receiver = try TestReceiver()
        let provider = TracerProvider(configuration: Self.configuration(receiver.url, spool: "/proc/llmtrace-cannot-be-made"))
        DeliveryQueueTests.spans(provider, 200)
        #expect(provider.forceFlush(timeout: .seconds(10)))
        #expect(provider.statistics.exported == 200)
        #expect(provider.shutdown(timeout: .seconds(5)))
    }
}
