/// What one run of one configuration measured: the workload process's own figures, and what
/// the sink process counted.
struct RunResult: Codable {
    var configuration: String
    var traces: Int
    var spansOffered: Int
    /// Wall time on the calling thread over the whole run, per span.
    var callerNanosPerSpan: Double
    /// From the first span to shutdown's return.
    var totalSeconds: Double
    var spansHandedToExport: Int
    /// The processor's own count of lost spans (queue full, failed, rejected).
    var droppedByProcessor: Int
    var peakRSSBytes: Int
    /// CPU time of the whole process (every thread, user and system) until shutdown returned.
    var cpuSeconds: Double
    var flushed: Bool
    /// Filled in from the sink's counts, after the run.
    var sink = SinkProcess.Counts(spans: 0, bytes: 0, decodedBytes: 0, cpuSeconds: 0)

    /// Spans the sink acknowledged, per second from the first span to shutdown's return.
    var endToEndSpansPerSecond: Double { Double(sink.spans) / totalSeconds }
    /// `spansHandedToExport - spans received`: must equal `droppedByProcessor`.
    var droppedBySinkCount: Int { spansHandedToExport - sink.spans }
    /// Request body bytes as sent (compressed when gzip is on), per span.
    var wireBytesPerSpan: Double { sink.spans > 0 ? Double(sink.bytes) / Double(sink.spans) : 0 }
    /// The process's CPU time per span offered.
    var cpuNanosPerSpan: Double { cpuSeconds * 1e9 / Double(spansOffered) }
    /// The sink process's CPU time per span offered.
    var sinkCPUNanosPerSpan: Double { sink.cpuSeconds * 1e9 / Double(spansOffered) }
    /// Body bytes per span after gunzip: the encoding's size.
    var decodedBytesPerSpan: Double { sink.spans > 0 ? Double(sink.decodedBytes) / Double(sink.spans) : 0 }
}
