internal import LLMTraceSupport

/// The attribute keys a JSON body has written so far, and where: a key met again has its
/// opening, `{"key":"…","value":`, copied from there instead of being escaped and written anew.
///
/// One per body, and only for a writer that never moves what it wrote (JSON; a protobuf writer
/// moves a nested message when its length needs another byte).
//
// Keys repeat: a batch of spans from a few code paths sets the same few dozen keys over and
// over, nearly always from string constants, and writing one (checking its bytes for escapes,
// three appends) cost about as much as the rest of its attribute. A key is known by its string's
// two words: the same literal, the same storage, or the same small string held in the words
// themselves. An entry keeps its string, so that storage is not freed and reused for other text
// while the entry stands. Direct-mapped: a key whose slot another key holds takes the slot and
// is written out in full.
struct JSONKeyFragments {
    private struct Entry {
        var words: (UInt64, UInt64) = (0, 0)
        /// Held only so that `words` keep naming this string.
        var key = ""
        /// Where the opening starts in the body, or -1 while the slot is empty.
        var start = -1
        var count = 0
    }

    private var entries: [Entry]

    /// 64 slots: more than the distinct keys of a typical batch, about 3 KB a body.
    static let slotBits = 6
    static let slotCount = 1 << slotBits

    /// Fragments for one body.
    init() {
        entries = Self.canKnowStrings ? Array(repeating: Entry(), count: Self.slotCount) : []
    }

    private init(entries: [Entry]) { self.entries = entries }

    /// No fragments: every key is written in full (attributes outside a span body, written once).
    static var none: JSONKeyFragments { JSONKeyFragments(entries: []) }

    // A string's words name it only where a string is two words.
    private static let canKnowStrings = MemoryLayout<String>.size == MemoryLayout<(UInt64, UInt64)>.size

    /// Writes `{"key":` `key` `,"value":`, copied from the body when `key` was written before.
    @inline(__always)
    mutating func writeOpening(of key: String, into w: inout ByteWriter) {
        guard !entries.isEmpty else { return Self.writeInFull(key, into: &w) }
        let words = unsafeBitCast(key, to: (UInt64, UInt64).self)
        let slot = Int(truncatingIfNeeded: ((words.0 ^ words.1) &* 0x9E37_79B9_7F4A_7C15) >> (64 - Self.slotBits))
        let found = entries.withUnsafeBufferPointer { entries in
            entries[slot].start >= 0 && entries[slot].words == words ? (entries[slot].start, entries[slot].count) : nil
        }
        if let (start, count) = found {
            w.repeatWritten(from: start, count: count)
            return
        }
        let start = w.count
        Self.writeInFull(key, into: &w)
        entries[slot] = Entry(words: words, key: key, start: start, count: w.count - start)
    }

    private static func writeInFull(_ key: String, into w: inout ByteWriter) {
        w.raw("{\"key\":")
        w.string(key)
        w.raw(",\"value\":")
    }
}
