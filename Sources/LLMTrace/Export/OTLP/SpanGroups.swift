/// The grouping both OTLP encodings share: spans by resource, then by instrumentation scope.
enum SpanGroups {
    /// Runs of `spans` that share a resource, in first-seen order.
    static func byResource(_ spans: [SpanData]) -> [[SpanData]] { group(spans) { ObjectIdentifier($0.resource) } }

    /// Runs of `spans` that share an instrumentation scope, in first-seen order.
    static func byScope(_ spans: [SpanData]) -> [[SpanData]] { group(spans) { ObjectIdentifier($0.scope) } }

    /// Splits `spans` into runs sharing a key, in first-seen order. Almost every batch has one
    /// resource and a few scopes, so a linear scan of the groups beats hashing.
    private static func group(_ spans: [SpanData], by key: (SpanData) -> ObjectIdentifier) -> [[SpanData]] {
        guard let first = spans.first else { return [] }
        let firstKey = key(first)
        if spans.allSatisfy({ key($0) == firstKey }) { return [spans] }
        var keys: [ObjectIdentifier] = []
        var groups: [[SpanData]] = []
        for span in spans {
            let k = key(span)
            if let index = keys.firstIndex(of: k) {
                groups[index].append(span)
            } else {
                keys.append(k)
                groups.append([span])
            }
        }
        return groups
    }
}
