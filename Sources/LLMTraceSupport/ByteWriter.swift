/// A byte buffer that encoders append to: JSON tokens (`ByteWriter+JSON`) and protobuf wire
/// fields (`ByteWriter+Protobuf`).
///
/// Hand-written because the export path runs for every span: no `Codable`, no intermediate
/// dictionaries or message objects, no Foundation number formatting for integers. The buffer is
/// raw memory that grows geometrically, so a token costs a capacity check and a copy, not an
/// `Array` append per byte. An exporter keeps one writer for the bodies it compresses and
/// `reset()`s it between batches; a body that is sent as it is written goes straight into the
/// array it leaves in (`array(capacity:_:)`), not into a writer and then copied.
public struct ByteWriter: ~Copyable {
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @usableFromInline var capacity: Int
    // Behind `count`: a stored property the inlinable writers can change.
    @usableFromInline var written = 0
    /// Whether `base` is this writer's to free: not while it writes into an array's memory.
    @usableFromInline var ownsBase = true

    /// Bytes written so far.
    public var count: Int { written }

    @inlinable
    public init(capacity: Int = 4096) {
        self.capacity = max(64, capacity)
        base = .allocate(capacity: self.capacity)
    }

    /// A writer into `buffer`, which stays its owner's; the writer moves to memory of its own
    /// if it needs more room.
    init(writingInto buffer: UnsafeMutableBufferPointer<UInt8>) {
        // Never empty: `array(capacity:_:)` asks for at least 64 bytes.
        base = buffer.baseAddress!
        capacity = buffer.count
        ownsBase = false
    }

    deinit { if ownsBase { base.deallocate() } }

    /// A copy of what was written.
    @inlinable
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: written)) }

    /// What `body` writes, as an array it wrote straight into: no copy, where `bytes` of a kept
    /// writer copies the whole body. `capacity` is a guess of the size; a body that outgrows it
    /// moves to the writer's own memory and is copied once at the end, and the array keeps
    /// whatever room the guess left over. The writer lives only in `body`: it must not be
    /// swapped or moved out of it (it may be writing into memory the array will own).
    public static func array(capacity: Int, _ body: (inout ByteWriter) throws -> Void) rethrows -> [UInt8] {
        var outgrown: [UInt8]?
        let written = try [UInt8](unsafeUninitializedCapacity: max(64, capacity)) { buffer, initialized in
            var writer = ByteWriter(writingInto: buffer)
            try body(&writer)
            if writer.ownsBase { outgrown = writer.bytes } else { initialized = writer.written }
        }
        return outgrown ?? written
    }

    /// The bytes written, without copying them; valid only during `body`.
    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: base, count: written))
    }

    /// Forgets what was written and keeps the memory, up to `keepingAtMost` bytes of it.
    @inlinable
    public mutating func reset(keepingAtMost limit: Int = .max) {
        written = 0
        if capacity > limit {
            if ownsBase { base.deallocate() }
            capacity = max(64, limit)
            base = .allocate(capacity: capacity)
            ownsBase = true
        }
    }

    /// Room for `n` more bytes; returns where they go. The caller writes them and adds `n`.
    @inlinable @inline(__always)
    mutating func room(_ n: Int) -> UnsafeMutablePointer<UInt8> {
        if written + n > capacity { grow(to: written + n) }
        return base + written
    }

    @inline(never)
    @usableFromInline mutating func grow(to needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: written)
        if ownsBase { base.deallocate() }
        base = newBase
        capacity = newCapacity
        ownsBase = true
    }

    @inlinable @inline(__always)
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        let target = room(bytes.count)
        UnsafeMutableRawPointer(target).copyMemory(from: source, byteCount: bytes.count)
        written += bytes.count
    }

    /// Writes again the `count` bytes written at `start`: a fragment the body already holds.
    @inlinable
    public mutating func repeatWritten(from start: Int, count: Int) {
        precondition(start >= 0 && count >= 0 && start + count <= written, "not written yet")
        // Behind the end of what was written, so the two never overlap; `room` may move the
        // buffer, so the source is found after it.
        let target = room(count)
        UnsafeMutableRawPointer(target).copyMemory(from: base + start, byteCount: count)
        written += count
    }

    @inlinable
    @inline(__always)
    public mutating func raw(_ byte: UInt8) {
        room(1).pointee = byte
        written += 1
    }

    @inlinable
    @inline(__always)
    public mutating func raw(_ text: StaticString) {
        append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}
