import Foundation
import Testing
import LLMTraceSupport

@Suite struct PayloadDumpTests {
    @Test func savesEachBodyToAFileOfItsOwnNamedForTheReplay() throws {
        let directory = NSTemporaryDirectory() + "llmtrace-dump-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        PayloadDump.save([1, 2, 3], kind: "payload", ext: "pb", into: directory)
        PayloadDump.save(Array("{}".utf8), kind: "payload", ext: "json", into: directory)
        PayloadDump.save([], kind: "payload", ext: "json", into: directory)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(names.count == 2)
        #expect(names.allSatisfy { $0.hasPrefix("payload-\(getpid())-") })
        let pb = try #require(names.first { $0.hasSuffix(".pb") })
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + pb))) == [1, 2, 3])
    }

    @Test func withoutADirectoryNothingIsSaved() {
        PayloadDump.save([1], kind: "payload", ext: "pb", into: nil)
    }

    @Test func theExtensionFollowsTheContentType() {
        #expect(PayloadDump.fileExtension(contentType: "application/x-protobuf") == "pb")
        #expect(PayloadDump.fileExtension(contentType: "application/json") == "json")
        #expect(PayloadDump.fileExtension(contentType: nil) == "json")
    }
}
