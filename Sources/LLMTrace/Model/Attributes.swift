/// An ordered attribute set in which a key appears at most once.
///
/// Linear search beats hashing for the handful of attributes a span carries, and keeps the
/// order callers set them in, which is the order exporters write.
public struct Attributes: Sendable, Hashable, RandomAccessCollection, ExpressibleByDictionaryLiteral {
    /// The attributes, in the order first set.
    private(set) var elements: [Attribute]
    /// Bit `n % 64` is set when a key of `n` UTF-8 bytes is here: a key whose bit is clear is
    /// new without a scan, and most `setAttribute` calls set a new key.
    private var keyLengths: UInt64 = 0

    /// An empty set.
    public init() { elements = [] }

    /// A set from key-value pairs; a later duplicate key overwrites an earlier one.
    public init(_ attributes: [(key: String, value: AttributeValue)]) {
        elements = []
        elements.reserveCapacity(attributes.count)
        for attribute in attributes { self[attribute.key] = attribute.value }
    }

    init(_ attributes: [Attribute]) {
        self.init(attributes.map { (key: $0.key, value: $0.value) })
    }

    /// A set from attributes whose keys the caller knows to be distinct and non-empty: linear,
    /// for the rare large sets (log metadata).
    init(unique attributes: [Attribute]) {
        elements = attributes
        for attribute in attributes { keyLengths |= Self.lengthBit(attribute.key) }
    }

    public init(dictionaryLiteral elements: (String, AttributeValue)...) {
        self.init(elements.map { (key: $0.0, value: $0.1) })
    }

    public var startIndex: Int { elements.startIndex }
    public var endIndex: Int { elements.endIndex }
    public subscript(position: Int) -> (key: String, value: AttributeValue) {
        let attribute = elements[position]
        return (attribute.key, attribute.value)
    }

    /// The value for `key`; setting `nil` removes it. An empty key is ignored: OpenTelemetry
    /// requires keys to be non-empty, and receivers refuse a span that has one.
    public subscript(key: String) -> AttributeValue? {
        get { index(of: key).map { elements[$0].value } }
        set {
            guard !key.isEmpty else { return }
            if let index = index(of: key) {
                if let newValue {
                    elements[index].value = newValue
                } else {
                    elements.remove(at: index)
                    keyLengths = elements.reduce(0) { $0 | Self.lengthBit($1.key) }
                }
            } else if let newValue {
                elements.append(Attribute(key, newValue))
                keyLengths |= Self.lengthBit(key)
            }
        }
    }

    /// Sets `key` within a count limit.
    ///
    /// Overwriting an existing key always succeeds; a new key past `countLimit` is refused; an
    /// empty key is ignored.
    /// - Returns: `false` when the attribute was dropped for the limit.
    @discardableResult
    mutating func set(_ key: String, _ value: consuming AttributeValue, countLimit: Int) -> Bool {
        guard !key.isEmpty else { return true }
        if let index = index(of: key) {
            elements[index].value = consume value
            return true
        }
        guard elements.count < countLimit else { return false }
        // Spans usually carry a handful of attributes: room for the first eight at once instead
        // of growing through 1, 2, 4 and 8, in storage an earlier span's export gave back.
        if elements.capacity == 0 { elements = AttributeStoragePool.shared.take() }
        elements.append(Attribute(key, consume value))
        keyLengths |= Self.lengthBit(key)
        return true
    }

    /// Gives the set storage of its own, with room for `room` more attributes at least: the
    /// copy that copy-on-write would allocate when the storage is shared and the set is added
    /// to.
    ///
    /// - Parameter pooled: Whether to start from storage `AttributeStoragePool` has (room for
    ///   8 to 32 attributes), or, for a record that will wait in a long queue, from storage of
    ///   about the size asked for (which the pool may have as well).
    mutating func moveToOwnStorage(room: Int, pooled: Bool) {
        var storage = pooled ? AttributeStoragePool.shared.take() : AttributeStoragePool.shared.take(capacity: elements.count + room)
        storage.reserveCapacity(elements.count + room)
        storage.append(contentsOf: elements)
        elements = storage
    }

    /// Whether the set holds attributes in storage with room for more.
    var hasSpareCapacity: Bool { !elements.isEmpty && elements.capacity > elements.count }

    /// Moves the attributes into storage of about their exact size, for a span whose record
    /// waits in a long queue, where the room to grow a live span needed is memory held for
    /// nothing. Returns the storage they leave, for `AttributeStoragePool.give(storage:)`.
    ///
    /// Moved bitwise, not copied: no retain now and no release later (unless a copy the
    /// application took shares the storage, which copy-on-write then copies first). The slots
    /// left behind hold an attribute that owns nothing until the pool empties them.
    mutating func moveToExactStorage() -> [Attribute] {
        // Filled by `append` rather than `init(unsafeUninitializedCapacity:)`, which is not
        // specialized and looks up the array's generic metadata at every call.
        var exact = AttributeStoragePool.shared.take(capacity: elements.count)
        elements.withUnsafeMutableBufferPointer { source in
            for slot in source.indices {
                exact.append((source.baseAddress! + slot).move())
                (source.baseAddress! + slot).initialize(to: Attribute("", .bool(false)))
            }
        }
        swap(&exact, &elements)
        return exact
    }

    /// Moves the storage out, leaving the set empty: `AttributeStoragePool` reuses it.
    mutating func takeStorage() -> [Attribute] {
        var storage: [Attribute] = []
        swap(&storage, &elements)
        keyLengths = 0
        return storage
    }

    /// Whether a key of `length` UTF-8 bytes may be in the set: `false` is certain, `true` may
    /// be wrong (the byte counts are kept modulo 64). It lets a reader that looks for a few known
    /// keys turn away a set that has none of their lengths without a pass.
    func mayHaveKey(ofLength length: Int) -> Bool { keyLengths & Self.lengthBit(length) != 0 }

    /// Where `key` is: the attribute whose key has the same bytes.
    @inline(__always)
    private func index(of key: String) -> Int? {
        let length = key.utf8.count
        guard keyLengths & Self.lengthBit(length) != 0 else { return nil }
        return scan(for: key, length: length)
    }

    /// `index(of:)` past the byte-count filter. Comparing byte counts first (O(1) for native
    /// strings) skips most comparisons.
    @inline(never)
    private func scan(for key: String, length: Int) -> Int? {
        // Read in place, so that no attribute is copied out (a retain and a release of its key
        // and value) whatever the optimizer makes of the loop.
        elements.withUnsafeBufferPointer { buffer in
            for index in buffer.indices where buffer[index].key.utf8.count == length && buffer[index].key.hasSameUTF8(as: key) {
                return index
            }
            return nil
        }
    }

    // Equal and hashed by their attributes alone: the mask follows from the keys.
    public static func == (lhs: Attributes, rhs: Attributes) -> Bool { lhs.elements == rhs.elements }

    public func hash(into hasher: inout Hasher) { hasher.combine(elements) }

    @inline(__always)
    private static func lengthBit(_ length: Int) -> UInt64 { 1 << UInt64(length & 63) }

    @inline(__always)
    private static func lengthBit(_ key: String) -> UInt64 { lengthBit(key.utf8.count) }
}
