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
    /// Items the app counted as dropped by `timeout` or `shutdown` (a request it stopped waiting
    /// for) that the receiver took all the same: a client that gives up waiting cannot know
    /// whether its request was processed, so these are counted twice (dropped by the app,
    /// delivered by the receiver), never lost.
    var arrivedCutShort = 0
    var maxBlockedNanos: Int64?
    var shutdownNanos: Int64?
    var peakRSSBytes: Int?
    /// What broke a promise; empty when the row passes.
    var problems: [String] = []

    var droppedTotal: Int { dropped.values.reduce(0, +) }
}
