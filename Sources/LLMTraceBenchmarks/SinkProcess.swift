import Foundation

/// The benchmark's sink in a process of its own (`llmtrace-bench --sink`), as an outside harness
/// runs it: its threads, memory and receive buffers are not the measured process's.
///
/// It prints `port N` once listening, and its counts as one JSON line when its standard input
/// closes.
final class SinkProcess {
    /// What the sink counted over its life.
    struct Counts: Codable {
        var spans: Int
        var bytes: Int
        var decodedBytes: Int
    }

    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    /// `http://127.0.0.1:PORT/v1/traces`.
    let url: String

    init(executable: String, payloadDirectory: String?) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--sink"] + (payloadDirectory.map { ["--payload-dir", $0] } ?? [])
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        guard let line = Self.readLine(output.fileHandleForReading), line.hasPrefix("port "), let port = Int(line.dropFirst(5))
        else {
            process.terminate()
            throw SinkError.noPort
        }
        url = "http://127.0.0.1:\(port)/v1/traces"
    }

    /// Closes the sink's input and returns its counts once it has exited.
    func finish() throws -> Counts {
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last else { throw SinkError.noCounts }
        return try JSONDecoder().decode(Counts.self, from: Data(line.utf8))
    }

    /// One line, read a byte at a time so nothing after it is consumed.
    private static func readLine(_ handle: FileHandle) -> String? {
        var bytes: [UInt8] = []
        while let byte = try? handle.read(upToCount: 1), let first = byte.first {
            if first == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(first)
        }
        return nil
    }

    enum SinkError: Error, CustomStringConvertible {
        case noPort, noCounts
        var description: String {
            switch self {
            case .noPort: "the sink process did not say its port"
            case .noCounts: "the sink process did not print its counts"
            }
        }
    }

    /// The `--sink` side: serves until standard input closes, then prints the counts.
    static func serve(payloadDirectory: String?) throws {
        let sink = try Sink(dumpDirectory: payloadDirectory)
        FileHandle.standardOutput.write(Data("port \(sink.port)\n".utf8))
        _ = FileHandle.standardInput.readDataToEndOfFile()
        sink.stop()
        let counts = Counts(spans: sink.spans, bytes: sink.bytes, decodedBytes: sink.decodedBytes)
        print(String(decoding: try JSONEncoder().encode(counts), as: UTF8.self))
    }
}
