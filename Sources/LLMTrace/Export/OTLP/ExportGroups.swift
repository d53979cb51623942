/// The grouping every OTLP request shares: items (spans, log records) by resource, then by
/// instrumentation scope, in first-seen order.
enum ExportGroups {
    /// Runs of spans that share a resource.
    static func byResource(_ spans: [SpanData]) -> [[SpanData]] { group(spans) { ObjectIdentifier($0.resource) } }

    /// Runs of spans that share an instrumentation scope.
    static func byScope(_ spans: [SpanData]) -> [[SpanData]] { group(spans) { ObjectIdentifier($0.scope) } }

    /// Runs of log records that share a resource.
    static func byResource(_ records: [LogRecordData]) -> [[LogRecordData]] { group(records) { ObjectIdentifier($0.resource) } }

    /// Runs of log records that share an instrumentation scope.
    static func byScope(_ records: [LogRecordData]) -> [[LogRecordData]] { group(records) { ObjectIdentifier($0.scope) } }

    /// Splits `items` into runs sharing a key, in first-seen order. Almost every batch has one
    /// resource and a few scopes, so a linear scan of the groups beats hashing.
    private static func group<Item>(_ items: [Item], by key: (Item) -> ObjectIdentifier) -> [[Item]] {
        guard let first = items.first else { return [] }
        let firstKey = key(first)
        if items.allSatisfy({ key($0) == firstKey }) { return [items] }
        var keys: [ObjectIdentifier] = []
        var groups: [[Item]] = []
        for item in items {
            let k = key(item)
            if let index = keys.firstIndex(of: k) {
                groups[index].append(item)
            } else {
                keys.append(k)
                groups.append([item])
            }
        }
        return groups
    }
}
