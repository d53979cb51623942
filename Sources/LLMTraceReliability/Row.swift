import Foundation
import LLMTrace
import LLMTraceTesting
#if canImport(Glibc)
import Glibc
#endif
import LLMTraceSupport

/// One line of the report.
struct Row {
    var name: String
    var offered = 0
    var delivered = 0
    var dropped: [String: Int] = [:]
    var duplicates = 0
    var maxBlockedNanos: Int64?
    var shutdownNanos: Int64?
    var peakRSSBytes: Int?
    /// What broke a promise; empty when the row passes.
    var problems: [String] = []

    var droppedTotal: Int { dropped.values.reduce(0, +) }
}
