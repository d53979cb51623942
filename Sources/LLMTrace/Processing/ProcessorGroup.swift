internal import LLMTraceSupport

/// Several processors as one: every span goes to each member in order, and `forceFlush` and
/// `shutdown` reach every member under one deadline.
///
/// The end of the provider's chain (the exporting processors) and the fan-out that lifecycle
/// calls share.
final class ProcessorGroup: SpanProcessor {
    let members: [any SpanProcessor]
    private let startMembers: [any SpanProcessor]

    init(_ members: [any SpanProcessor]) {
        self.members = members
        self.startMembers = members.filter(\.isStartRequired)
    }

    var isStartRequired: Bool { !startMembers.isEmpty }
    var needsUnsampledSpans: Bool { members.contains { $0.needsUnsampledSpans } }

    func onStart(_ span: Span, parentContext: SpanContext?) {
        for member in startMembers { member.onStart(span, parentContext: parentContext) }
    }

    func onEnd(_ span: SpanData) {
        for member in members { member.onEnd(span) }
    }

    func forceFlush(timeout: Duration) -> Bool {
        Deadline.sharing(timeout, members.map { member in { member.forceFlush(timeout: $0) } })
    }

    func shutdown(timeout: Duration) -> Bool {
        Deadline.sharing(timeout, members.map { member in { member.shutdown(timeout: $0) } })
    }

    /// The members' counters summed; `nil` when none exports.
    var statistics: ExportStatistics? {
        let all = members.compactMap(\.statistics)
        return all.isEmpty ? nil : all.reduce(ExportStatistics(), +)
    }
}
