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
///
/// Behind a long backlog, records keep their attributes in lists of their own size
/// (`Attributes.moveToExactStorage()`), one allocation per span in the application's thread.
/// Released by the exporter, those contended for glibc's arena lock with the application's
/// next allocation: 84,000 to 170,000 futex calls in the benchmark's 800,000-span big queue,
/// 6,600 to 17,000 once they are kept. So while the backlog lasts, an export also keeps the
/// lists of the sizes spans ask for (`take(capacity:)`): at most `capacity` more, typically
/// about 100 KB (at most about 670 KB), released when the backlog ends.
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
    /// Lists kept by their size: `bySize[c]` holds empty lists with room for exactly `c`.
    @exclusivity(unchecked) private var bySize: [[[Attribute]]]
    /// The lists in `bySize`, written under the lock.
    private let sizedAvailable = Atomic<Int>(0)
    /// Bit `c` is set when `bySize[c]` is not empty, written under the lock: a caller learns
    /// without the lock that there is no list of its size. (The masks need `maximumCapacity`
    /// + 1 < 64.)
    private let sizesAvailable = Atomic<UInt64>(0)
    /// Bit `c` is set once `take(capacity: c)` found no list: the sizes worth keeping. An export
    /// also releases lists that no span will ask for again (a live span's list with room to
    /// grow), which would otherwise fill `bySize` for good.
    private let sizesWanted = Atomic<UInt64>(0)
    /// Bit `c` is set when `take(capacity:)` handed out a list of size `c` since the last
    /// `reclaim`; under the lock. Sizes kept but not taken are no longer in demand.
    @exclusivity(unchecked) private var sizesTaken: UInt64 = 0

    init(capacity: Int) {
        self.capacity = capacity
        bySize = Array(repeating: [], count: Self.maximumCapacity + 1)
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

    /// An empty list with room for `count` attributes (or one more): one an export kept by its
    /// size (`reclaim(from:keepingSizes:)`) if there is one, a new allocation otherwise.
    func take(capacity count: Int) -> [Attribute] {
        let sizes: UInt64 = count < Self.maximumCapacity ? 0b11 << UInt64(count) : count == Self.maximumCapacity ? 1 << UInt64(count) : 0
        if sizesAvailable.load(ordering: .relaxed) & sizes != 0 {
            lock.lock()
            let size = count < Self.maximumCapacity && bySize[count].isEmpty ? count + 1 : count
            let storage = bySize[size].popLast()
            if storage != nil {
                if bySize[size].isEmpty { sizesAvailable.store(sizesAvailable.load(ordering: .relaxed) & ~(1 << UInt64(size)), ordering: .relaxed) }
                sizedAvailable.store(sizedAvailable.load(ordering: .relaxed) - 1, ordering: .relaxed)
                sizesTaken |= 1 << UInt64(size)
            }
            lock.unlock()
            if let storage { return storage }
        }
        if count <= Self.maximumCapacity, sizesWanted.load(ordering: .relaxed) & (1 << UInt64(count)) == 0 {
            sizesWanted.bitwiseOr(1 << UInt64(count), ordering: .relaxed)
        }
        var fresh: [Attribute] = []
        fresh.reserveCapacity(count)
        return fresh
    }

    /// Takes the attribute storage of `batch`, whose spans the encoders have finished with.
    ///
    /// Emptying storage that something else still shares (a `Span` the application keeps after
    /// its end) copies nothing and allocates fresh storage of the same size, so the pool stays
    /// correct either way (copy-on-write protects the other holder); it is the common case,
    /// storage no one else holds, that saves.
    ///
    /// - Parameter keepingSizes: Whether lists that `take()` does not keep (too small, or no
    ///   room left) are kept by their size for `take(capacity:)`: while a long backlog lasts,
    ///   when spans ask for such lists. Without it, the lists kept so far are released.
    func reclaim(from batch: inout [SpanData], keepingSizes: Bool = false) {
        var room = capacity - available.load(ordering: .relaxed)
        var sizedRoom = keepingSizes ? capacity - sizedAvailable.load(ordering: .relaxed) : 0
        // A list with room for `c` serves a span that asks for `c` or `c - 1`.
        let wanted = sizesWanted.load(ordering: .relaxed)
        let servesWanted = wanted | wanted << 1
        var reclaimed: [[Attribute]] = []
        var sized: [[Attribute]] = []
        for index in batch.indices where room > 0 || sizedRoom > 0 {
            let size = batch[index].attributes.elements.capacity
            let pooled = room > 0 && size >= Self.minimumCapacity
            guard pooled || (sizedRoom > 0 && size <= Self.maximumCapacity && servesWanted & (1 << UInt64(size)) != 0),
                  let storage = Self.emptied(batch[index].attributes.takeStorage(), smallest: pooled ? Self.minimumCapacity : 1)
            else { continue }
            if pooled {
                if reclaimed.isEmpty { reclaimed.reserveCapacity(min(room, batch.count)) }
                reclaimed.append(storage)
                room -= 1
            } else {
                if sized.isEmpty { sized.reserveCapacity(min(sizedRoom, batch.count)) }
                sized.append(storage)
                sizedRoom -= 1
            }
        }
        guard !reclaimed.isEmpty || !sized.isEmpty || sizesAvailable.load(ordering: .relaxed) != 0 else { return }
        // Released after the unlock: a release frees.
        var released: [[Attribute]] = []
        lock.lock()
        if free.isEmpty {
            swap(&free, &reclaimed)
        } else {
            free.append(contentsOf: reclaimed.prefix(capacity - free.count))
        }
        available.store(free.count, ordering: .relaxed)
        var kept = sizedAvailable.load(ordering: .relaxed)
        var sizes = sizesAvailable.load(ordering: .relaxed)
        // Sizes no span took since the last export are not in demand (the backlog ended, or the
        // spans changed shape): their lists would hold memory, and slots, for nothing.
        let stale = keepingSizes ? sizes & ~sizesTaken : sizes
        sizesTaken = 0
        for size in bySize.indices where stale & (1 << UInt64(size)) != 0 {
            kept -= bySize[size].count
            released.append(contentsOf: bySize[size])
            bySize[size] = []
            sizes &= ~(1 << UInt64(size))
        }
        // By the capacity the emptied list has: a copy, if something else still shared it.
        for storage in sized where kept < capacity && bySize.indices.contains(storage.capacity) && servesWanted & (1 << UInt64(storage.capacity)) != 0 {
            bySize[storage.capacity].append(storage)
            sizes |= 1 << UInt64(storage.capacity)
            kept += 1
        }
        sizesAvailable.store(sizes, ordering: .relaxed)
        sizedAvailable.store(kept, ordering: .relaxed)
        lock.unlock()
        released.removeAll()
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

    /// `storage` emptied, if it is worth keeping: room for `smallest` to `maximumCapacity`.
    private static func emptied(_ storage: consuming [Attribute], smallest: Int = minimumCapacity) -> [Attribute]? {
        var storage = storage
        guard (smallest...maximumCapacity).contains(storage.capacity) else { return nil }
        // One at a time from the end, in code specialized for attributes: `removeAll` destroys
        // them through their type's value witness, at some 40 instructions apiece.
        while !storage.isEmpty { storage.removeLast() }
        // Storage that something else still held was copied at the first removal, with room
        // for what it held only: `take()` promises room for `minimumCapacity`.
        guard (smallest...maximumCapacity).contains(storage.capacity) else { return nil }
        return storage
    }

    /// How much storage is waiting to be taken by `take()`.
    var count: Int { available.load(ordering: .relaxed) }

    /// How much storage is waiting to be taken by `take(capacity:)`.
    var sizedCount: Int { sizedAvailable.load(ordering: .relaxed) }
}
