import LLMTrace
internal import LLMTraceSupport

/// Writes captured content as JSON that fits a length limit and stays valid JSON.
///
/// The span's own limit would cut the string anywhere, breaking the JSON; so the contents are
/// shortened first: every text is cut to the largest common length that fits (marked with `…`),
/// and if even empty texts do not fit, the oldest messages are left out.
enum ContentJSON {
    static let truncationMark = "…"

    /// `messages` as a JSON array of at most `limit` characters; `nil` if not even one fits.
    static func messages(_ messages: [ChatMessage], limit: Int) -> String? {
        array(messages, limit: limit) { write($0, cap: $1, into: &$2) }
    }

    /// Parts without a role (`gen_ai.system_instructions`).
    static func parts(_ parts: [ChatMessage.Part], limit: Int) -> String? {
        array(parts, limit: limit) { write($0, cap: $1, into: &$2) }
    }

    private static func array<Item>(_ items: [Item], limit: Int, write: (Item, Int?, inout ByteWriter) -> Void) -> String? {
        fitting(limit: limit, count: items.count) { writer, first, cap in
            writer.raw(UInt8(ascii: "["))
            for (index, item) in items[first...].enumerated() {
                if index > 0 { writer.raw(UInt8(ascii: ",")) }
                write(item, cap, &writer)
            }
            writer.raw(UInt8(ascii: "]"))
        }
    }

    /// `[{"id": ..., "score": ...}]` for retrieved or reranked documents.
    static func documents(_ documents: [(id: String, score: Double)], limit: Int) -> String? {
        // Ids are not shortened (a cut id is useless): keep the best-ranked documents that fit.
        func render(_ count: Int) -> String {
            var writer = ByteWriter(capacity: 48 * count + 2)
            writer.raw(UInt8(ascii: "["))
            for (index, document) in documents.prefix(count).enumerated() {
                if index > 0 { writer.raw(UInt8(ascii: ",")) }
                writer.raw("{\"id\":")
                writer.string(document.id)
                writer.raw(",\"score\":")
                writer.double(document.score.isFinite ? document.score : 0)
                writer.raw(UInt8(ascii: "}"))
            }
            writer.raw(UInt8(ascii: "]"))
            return String(decoding: writer.bytes, as: UTF8.self)
        }
        var low = 0
        var high = documents.count
        while low < high {
            let middle = (low + high + 1) / 2
            if render(middle).count <= limit { low = middle } else { high = middle - 1 }
        }
        return low == 0 && !documents.isEmpty ? nil : render(low)
    }

    /// A plain string cut to `limit` characters, marked when cut.
    static func text(_ value: String, limit: Int) -> String {
        guard value.count > limit else { return value }
        return String(value.prefix(max(0, limit - truncationMark.count))) + truncationMark
    }

    /// Renders with the full content if it fits; else finds the largest per-text cap that
    /// fits, dropping leading items only when even a cap of zero does not.
    private static func fitting(limit: Int, count: Int, render: (inout ByteWriter, Int, Int?) -> Void) -> String? {
        func attempt(_ first: Int, _ cap: Int?) -> String? {
            var writer = ByteWriter(capacity: 256)
            render(&writer, first, cap)
            let text = String(decoding: writer.bytes, as: UTF8.self)
            return text.count <= limit ? text : nil
        }
        if let whole = attempt(0, nil) { return whole }
        for first in 0..<max(count, 1) {
            guard attempt(first, 0) != nil else { continue }
            var low = 0
            var high = limit
            while low < high {
                let middle = (low + high + 1) / 2
                if attempt(first, middle) != nil { low = middle } else { high = middle - 1 }
            }
            return attempt(first, low)
        }
        return nil
    }

    private static func write(_ message: ChatMessage, cap: Int?, into writer: inout ByteWriter) {
        writer.raw("{\"role\":")
        writer.string(message.role)
        writer.raw(",\"parts\":[")
        for (index, part) in message.parts.enumerated() {
            if index > 0 { writer.raw(UInt8(ascii: ",")) }
            write(part, cap: cap, into: &writer)
        }
        writer.raw(UInt8(ascii: "]"))
        if let name = message.name {
            writer.raw(",\"name\":")
            writer.string(name)
        }
        if let finishReason = message.finishReason {
            writer.raw(",\"finish_reason\":")
            writer.string(finishReason)
        }
        writer.raw(UInt8(ascii: "}"))
    }

    private static func write(_ part: ChatMessage.Part, cap: Int?, into writer: inout ByteWriter) {
        func content(_ value: String) -> String {
            guard let cap, value.count > cap else { return value }
            return cap == 0 ? truncationMark : String(value.prefix(cap)) + truncationMark
        }
        switch part {
        case .text(let value):
            writer.raw("{\"type\":\"text\",\"content\":")
            writer.string(content(value))
        case .toolCall(let id, let name):
            writer.raw("{\"type\":\"tool_call\"")
            if let id {
                writer.raw(",\"id\":")
                writer.string(id)
            }
            writer.raw(",\"name\":")
            writer.string(name)
        case .toolCallResponse(let id, let response):
            writer.raw("{\"type\":\"tool_call_response\"")
            if let id {
                writer.raw(",\"id\":")
                writer.string(id)
            }
            writer.raw(",\"response\":")
            writer.string(content(response))
        }
        writer.raw(UInt8(ascii: "}"))
    }
}
