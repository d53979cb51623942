import Foundation
import LLMTraceSupport

/// Prints the rows as a Markdown table, and what went wrong under it.
enum Report {
    static func header() {
        print("| fault | spans offered | delivered | dropped (reason) | duplicates | max caller blocked | shutdown | peak RSS | verdict |")
        print("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- |")
    }

    static func line(_ row: Row) {
        var dropped = row.dropped.isEmpty ? "0" : "\(row.droppedTotal): " + row.dropped.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        if row.arrivedCutShort > 0 { dropped += " (\(row.arrivedCutShort) cut short yet arrived)" }
        let cells = [
            row.name, "\(row.offered)", "\(row.delivered)", dropped, "\(row.duplicates)",
            row.maxBlockedNanos.map(milliseconds) ?? "–",
            row.shutdownNanos.map(milliseconds) ?? "–",
            row.peakRSSBytes.map { String(format: "%.1f MB", Double($0) / 1_048_576) } ?? "–",
            row.problems.isEmpty ? "ok" : "FAIL",
        ]
        print("| " + cells.joined(separator: " | ") + " |")
    }

    /// `50 ms`, `3 s`.
    static func text(_ duration: Duration) -> String {
        let nanos = duration.nanoseconds
        return nanos % 1_000_000_000 == 0 ? "\(nanos / 1_000_000_000) s" : "\(nanos / 1_000_000) ms"
    }

    static func milliseconds(_ nanos: Int64) -> String {
        String(format: "%.1f ms", Double(nanos) / 1e6)
    }
}
