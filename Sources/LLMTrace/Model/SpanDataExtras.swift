/// The parts of an ended span's record that most spans leave empty: events, links, the counts
/// the limits dropped, and an error's description.
///
/// `SpanData` holds them behind one optional reference, `nil` for a span that has none of them,
/// rather than as six fields of its own (one of them a status with a string payload): a queued
/// record is then 128 bytes instead of 192 (with `SpanContext`'s packing; a backlog of 800,000
/// spans holds 51 MB less), and building, moving and destroying one handles one reference
/// instead of two arrays and a string.
final class SpanDataExtras: Sendable {
    /// What the reference holds; a record changes it by replacing the whole (`SpanData.replaceExtras`).
    struct Contents {
        var events: [SpanEvent] = []
        var droppedEvents = 0
        var links: [SpanLink] = []
        var droppedLinks = 0
        var droppedAttributes = 0
        /// The description of an `error` status; the status code itself is in the record.
        var errorDescription = ""

        var isEmpty: Bool {
            events.isEmpty && links.isEmpty && droppedEvents == 0 && droppedLinks == 0
                && droppedAttributes == 0 && errorDescription.isEmpty
        }
    }

    let contents: Contents

    private init(_ contents: Contents) { self.contents = contents }

    /// A reference for `contents`, or `nil` when it is empty.
    static func holding(_ contents: Contents) -> SpanDataExtras? {
        contents.isEmpty ? nil : SpanDataExtras(contents)
    }
}
