#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes straight to a file descriptor: one `write` per call keeps lines from several
/// threads whole, and avoids the global `FILE*` that Swift 6 treats as shared mutable state.
enum FileDescriptorOutput {
    static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}

/// Writes one readable line per span to standard error: for development, and for seeing what
/// an app would send without running a receiver.
///
/// Chosen with `OTEL_TRACES_EXPORTER=console`.
public struct ConsoleSpanExporter: SpanExporter {
    /// Creates the exporter.
    public init() {}

    public func export(_ batch: [SpanData], deadline: Deadline) -> ExportResult {
        var text = ""
        for span in batch { text += Self.line(for: span) + "\n" }
        FileDescriptorOutput.write(text, to: 2)
        return .success
    }

    /// The line for one span: name, ids, kind, duration, status and attributes.
    public static func line(for span: SpanData) -> String {
        let durationMs = Double(span.durationNanos) / 1e6
        let rounded = (durationMs * 1000).rounded() / 1000
        var line = "[llmtrace] \(span.name) trace=\(span.context.traceID) span=\(span.context.spanID)"
        line += " parent=\(span.parentSpanID.map { $0.hexString } ?? "-")"
        line += " kind=\(span.kind) duration=\(rounded)ms"
        switch span.status {
        case .unset: break
        case .ok: line += " status=ok"
        case .error(let description): line += " status=error(\(description))"
        }
        if !span.attributes.isEmpty {
            line += " {" + span.attributes.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + "}"
        }
        for event in span.events { line += " event=\(event.name)" }
        return line
    }
}

/// Keeps exported spans in memory: for tests of code that creates spans.
public final class InMemorySpanExporter: SpanExporter {
    private let storage = Locked<[SpanData]>([])

    /// Creates an empty exporter.
    public init() {}

    /// Every span exported so far, in order.
    public var spans: [SpanData] { storage.withLock { $0 } }

    /// Forgets the spans exported so far.
    public func reset() { storage.withLock { $0.removeAll() } }

    public func export(_ batch: [SpanData], deadline: Deadline) -> ExportResult {
        storage.withLock { $0.append(contentsOf: batch) }
        return .success
    }
}
