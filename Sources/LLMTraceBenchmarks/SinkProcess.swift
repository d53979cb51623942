import FoundationEssentials
import LLMTraceSupport
#if canImport(Glibc)
import Glibc
#endif

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
        /// The sink process's CPU time over its life: one run.
        var cpuSeconds: Double
    }

    private let process: ChildProcess
    /// `http://127.0.0.1:PORT/v1/traces`.
    let url: String

    init(executable: String, payloadDirectory: String?) throws {
        process = try ChildProcess(
            executable, ["--sink"] + (payloadDirectory.map { ["--payload-dir", $0] } ?? []),
            keepsInput: true, capturesError: false)
        guard let line = process.readLine(), line.hasPrefix("port "), let port = Int(line.dropFirst(5)) else {
            kill(process.processIdentifier, SIGTERM)
            _ = process.finish()
            throw SinkError.noPort
        }
        url = "http://127.0.0.1:\(port)/v1/traces"
    }

    /// Closes the sink's input and returns its counts once it has exited.
    func finish() throws -> Counts {
        let output = process.finish()
        guard let line = output.stdout.split(separator: "\n").last else { throw SinkError.noCounts }
        return try JSONDecoder().decode(Counts.self, from: Data(line.utf8))
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
        FileDescriptorOutput.write("port \(sink.port)\n", to: STDOUT_FILENO)
        // Standard input closes when the benchmark is done with the sink (or has died).
        _ = FileDescriptorInput.readToEnd(STDIN_FILENO)
        sink.stop()
        let counts = Counts(spans: sink.spans, bytes: sink.bytes, decodedBytes: sink.decodedBytes, cpuSeconds: ProcessFigures.cpuSeconds())
        print(String(decoding: try JSONEncoder().encode(counts), as: UTF8.self))
    }
}
