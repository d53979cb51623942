import Foundation
@_spi(Benchmarks) import LLMTrace
import LLMTraceTesting
import LLMTraceSupport

/// What one run of one configuration measured.
struct RunResult: Codable {
    var configuration: String
    var traces: Int
    var spansOffered: Int
    /// Wall time on the calling thread over the whole run, per span.
    var callerNanosPerSpan: Double
    /// Spans the sink acknowledged, per second from the first span to shutdown's return.
    var endToEndSpansPerSecond: Double
    var spansHandedToExport: Int
    var spansReceived: Int
    /// `spansHandedToExport - spansReceived`.
    var droppedBySinkCount: Int
    /// The processor's own count of lost spans (queue full, failed, rejected).
    var droppedByProcessor: Int
    var peakRSSBytes: Int
    var wireBytesPerSpan: Double
    /// Body bytes per span after gunzip: the encoding's size.
    var decodedBytesPerSpan: Double
    var flushed: Bool
}
