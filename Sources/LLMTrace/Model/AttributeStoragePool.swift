internal import LLMTraceSupport
import Synchronization

/// Attribute storage that the OTLP export has finished with, handed to the next spans that set
/// attributes.
///
/// A span's attribute list is one allocation in the application's thread, and its release
/// happens in the exporter's, which glibc then returns to the application thread's arena under
/// that arena's lock. Passing the emptied storage back instead makes a steady flow of spans
/// allocate nothing for their attributes and free nothing across threads.
///
/// Only storage that the encoders were the last to read comes back (the batch processor of an
/// OTLP exporter reclaims it; other exporters may keep the spans they are given), and a local
/// root's own list once its record got a copy. Bounded: at most `capacity` lists, none with room
/// for more than `maximumCapacity` attributes (a rare large list is released as before), so at
/// most about 180 KB of typical lists stay behind after a burst.
final class AttributeStoragePool: @unchecked Sendable {
    /// The pool every tracer draws from: spans of any provider may end in any batch processor.
    static let shared = AttributeStoragePool(capacity: 512)

    /// Storage smaller than this is not worth keeping: a span's first attribute reserves room
    /// for this many.
    static let minimumCapacity = 8
    /// Storage larger than this is released rather than kept: room for a model call's span with
    /// its usage and request parameters.
    static let maximumCapacity = 32

    let capacity: Int
    // Only touched under `lock`: a spin lock, since taking is one pop and giving back one swap
    // (or, rarely, one append of a batch).
    private let lock = SpinLock()
    @exclusivity(unchecked) private var free: [[Attribute]] = []
    /// `free.count`, written under the lock: a caller that outruns the exporter finds the pool
    /// empty, and learns it without taking the lock.
    private let available = Atomic<Int>(0)

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Empty storage with room for at least `minimumCapacity` attributes: reclaimed storage if
    /// there is some, a new allocation otherwise.
    func take() -> [Attribute] {
        if available.load(ordering: .relaxed) > 0 {
            lock.lock()
            let storage = free.popLast()
            available.store(free.count, ordering: .relaxed)
            lock.unlock()
            if let storage { return storage }
        }
        var fresh: [Attribute] = []
        fresh.reserveCapacity(Self.minimumCapacity)
        return fresh
    }

    /// Takes the attribute storage of `batch`, whose spans the encoders have finished with.
    ///
    /// Emptying storage that something else still shares (a `Span` the application keeps after
    /// its end) copies nothing and allocates fresh storage of the same size, so the pool stays
    /// correct either way (copy-on-write protects the other holder); it is the common case,
    /// storage no one else holds, that saves.
    func reclaim(from batch: inout [SpanData]) {
        let room = capacity - available.load(ordering: .relaxed)
        guard room > 0 else { return }
        var reclaimed: [[Attribute]] = []
        reclaimed.reserveCapacity(min(room, batch.count))
        for index in batch.indices where reclaimed.count < room {
            if let storage = Self.emptied(batch[index].attributes.takeStorage()) { reclaimed.append(storage) }
        }
        lock.lock()
        if free.isEmpty {
            swap(&free, &reclaimed)
        } else {
            free.append(contentsOf: reclaimed.prefix(capacity - free.count))
        }
        available.store(free.count, ordering: .relaxed)
        lock.unlock()
    }

    /// Takes the storage of one attribute set that no one else should hold any more (a span's
    /// own list, after its end gave the record a copy), leaving the set empty.
    ///
    /// Storage something else still shares (a copy the application took of the span's
    /// attributes) is left to it: emptying it allocates fresh storage instead, as in `reclaim`.
    func give(_ attributes: inout Attributes) {
        give(storage: attributes.takeStorage())
    }

    /// Takes storage a set no longer uses (`Attributes.moveToExactStorage()`), emptied here.
    func give(storage: consuming [Attribute]) {
        guard available.load(ordering: .relaxed) < capacity, let storage = Self.emptied(consume storage) else { return }
        lock.lock()
        if free.count < capacity { free.append(storage) }
        available.store(free.count, ordering: .relaxed)
        lock.unlock()
    }

    /// `storage` emptied, if it is worth keeping.
    private static func emptied(_ storage: consuming [Attribute]) -> [Attribute]? {
        var storage = storage
        guard (minimumCapacity...maximumCapacity).contains(storage.capacity) else { return nil }
        // One at a time from the end, in code specialized for attributes: `removeAll` destroys
        // them through their type's value witness, at some 40 instructions apiece.
        while !storage.isEmpty { storage.removeLast() }
        return storage
    }

    /// How much storage is waiting to be taken.
    var count: Int { available.load(ordering: .relaxed) }
}
