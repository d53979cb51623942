import Dispatch
import Logging
import Testing
@testable import LLMTrace
import LLMTraceTesting

@Suite struct AttributeStoragePoolTests {
    func span(_ name: String, attributes: Attributes) -> SpanData {
        var span = SpanData.stub(name: name)
        span.attributes = attributes
        return span
    }

    func storage(of span: SpanData) -> UnsafeRawPointer? {
        span.attributes.elements.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
    }

    @Test func anEmptyPoolGivesNewStorageWithRoomForASpan() {
        let storage = AttributeStoragePool(capacity: 4).take()
        #expect(storage.isEmpty)
        #expect(storage.capacity >= AttributeStoragePool.minimumCapacity)
    }

    /// What an export gives back is handed out again, emptied, up to the pool's capacity;
    /// storage too small to be worth keeping is left alone.
    @Test func reclaimedStorageIsHandedOutAgainUpToTheCapacity() {
        let pool = AttributeStoragePool(capacity: 2)
        // Set as a span sets them: room for a span's first eight at once.
        func roomy(_ key: String) -> Attributes {
            var attributes = Attributes()
            attributes.set(key, 1, countLimit: 128)
            return attributes
        }
        var batch = [
            span("a", attributes: roomy("a")), span("b", attributes: ["x": 1]),
            span("c", attributes: roomy("c")), span("d", attributes: roomy("d")),
        ]
        let storageOfA = storage(of: batch[0])
        pool.reclaim(from: &batch)
        #expect(pool.count == 2, "bounded by the capacity")
        let handedOut = [pool.take(), pool.take()]
        #expect(handedOut.allSatisfy { $0.isEmpty && $0.capacity >= AttributeStoragePool.minimumCapacity })
        #expect(handedOut.map { storage in storage.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) } }.contains(storageOfA))
        #expect(pool.count == 0)
    }

    /// Behind a long backlog an export also keeps lists too small for `take()`, by their size,
    /// once a span has asked for that size: each is handed out again for its size or one less.
    @Test func listsKeptByTheirSizeGoToTheSpansThatAskForThatSize() throws {
        let pool = AttributeStoragePool(capacity: 4)
        // Records as `Attributes.moveToExactStorage()` leaves them: a list of their own size.
        func records(_ counts: [Int]) throws -> [SpanData] {
            try counts.map { count in
                let attributes = Attributes(unique: (0..<count).map { Attribute("key.\($0)", .int($0)) })
                try #require(attributes.elements.capacity == count)
                return span("exact", attributes: attributes)
            }
        }
        var batch = try records([2, 4, 4, 6])
        pool.reclaim(from: &batch, keepingSizes: true)
        #expect(pool.sizedCount == 0, "no span has asked for these sizes yet")
        #expect(pool.take(capacity: 2).capacity >= 2 && pool.take(capacity: 4).capacity >= 4)

        batch = try records([2, 4, 4, 6])
        pool.reclaim(from: &batch, keepingSizes: false)
        #expect(pool.sizedCount == 0, "kept only while a backlog lasts")

        batch = try records([2, 4, 4, 6, 4, 4])
        let storages = batch.map(storage(of:))
        pool.reclaim(from: &batch, keepingSizes: true)
        #expect(pool.sizedCount == 4, "the sizes asked for, up to the capacity")
        #expect(pool.count == 0, "too small for take()")
        let two = pool.take(capacity: 2)
        let threeFromFour = pool.take(capacity: 3)
        let four = pool.take(capacity: 4)
        let address = { (list: [Attribute]) in list.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) } }
        let keptFours = [storages[1], storages[2], storages[4]]
        #expect(address(two) == storages[0] && two.isEmpty && two.capacity == 2)
        #expect(keptFours.contains(address(threeFromFour)) && threeFromFour.capacity == 4)
        #expect(keptFours.contains(address(four)) && four.isEmpty && address(four) != address(threeFromFour))
        #expect(pool.sizedCount == 1)

        // A size no span took from between two exports is released at the second; once the
        // backlog is over, all of them are.
        batch = try records([2, 2])
        pool.reclaim(from: &batch, keepingSizes: true)
        #expect(pool.sizedCount == 3, "both sizes were taken since the last export")
        #expect(pool.take(capacity: 2).capacity == 2)
        batch = try records([2])
        pool.reclaim(from: &batch, keepingSizes: true)
        #expect(pool.sizedCount == 2, "the list of 4 released, a list of 2 kept")
        #expect(pool.take(capacity: 4).capacity >= 4 && pool.sizedCount == 2, "a new list: none of 4 or 5 left")
        batch = try records([2])
        pool.reclaim(from: &batch, keepingSizes: false)
        #expect(pool.sizedCount == 0)
        #expect(pool.take(capacity: 2).capacity >= 2 && pool.sizedCount == 0)
    }

    /// A span the application still holds shares its attributes with the ended record: giving
    /// the record's storage back must leave the span's attributes as they were.
    @Test func storageStillSharedWithALiveSpanIsNotDisturbed() throws {
        let exporter = InMemorySpanExporter()
        let provider = TracerProvider(configuration: TracingConfiguration(), processors: [BatchSpanProcessor(exporter: exporter)])
        let tracer = provider.tracer("t")
        let root = tracer.startSpan("root", parent: .root)
        // A child: its record shares the list with the span (a root's gets a copy).
        let span = tracer.startSpan("kept", parent: .span(root))
        span.setAttribute("question.id", "q-1")
        span.setAttribute("rank", 3)
        span.end()
        root.end()
        provider.forceFlush()
        var batch = exporter.spans.filter { $0.name == "kept" }
        let copy = batch
        let exportedCount = copy[0].attributes.count
        let pool = AttributeStoragePool(capacity: 4)
        pool.reclaim(from: &batch)
        #expect(span.attributes["question.id"] == "q-1" && span.attributes["rank"] == 3)
        #expect(copy[0].attributes["question.id"] == "q-1" && copy[0].attributes.count == exportedCount)
        #expect(exporter.spans.first { $0.name == "kept" }?.attributes["rank"] == 3)
        var reused = pool.take()
        // Emptying the shared list copied it, at the size of what it held: too small to keep.
        #expect(reused.capacity >= AttributeStoragePool.minimumCapacity)
        reused.append(Attribute("other", 9))
        #expect(span.attributes.count == 2 && copy[0].attributes.count == exportedCount)
        provider.shutdown()
    }

    /// Spans over many batches, through the OTLP exporter whose batches give their storage
    /// back: every span reaches the receiver with its own attributes and nothing of another's,
    /// a span held by the application keeps its attributes, and the mark on each root (added
    /// to a copy of the root's list) is on the exported root only.
    @Test func reusedStorageCarriesNothingFromTheSpansBefore() throws {
        let receiver = try TestReceiver()
        defer { receiver.stop() }
        var configuration = TracingConfiguration()
        configuration.serviceName = "pool-test"
        configuration.otlp.endpoint = receiver.url
        configuration.metrics.exporters = [.prometheus]
        configuration.batch.maxExportBatchSize = 16
        configuration.batch.maxQueueSize = 10_000
        let provider = TracerProvider(configuration: configuration)
        let tracer = provider.tracer("pool")
        var held: [Span] = []
        for index in 0..<600 {
            let root = tracer.startSpan("root", parent: .root)
            root.setAttribute("root.index", index)
            let child = tracer.startSpan("child", parent: .span(root))
            child.setAttribute("child.index", index)
            if index % 2 == 0 { child.setAttribute("even", true) }
            for extra in 0..<(index % 12) { child.setAttribute("extra.\(extra)", extra) }
            child.end()
            root.end()
            if index % 50 == 0 { held.append(child) }
            if index % 100 == 99 { provider.forceFlush() }
        }
        #expect(provider.shutdown(timeout: .seconds(20)))

        let spans = receiver.spans
        #expect(spans.count == 1200)
        for span in spans {
            let keys = (span["attributes"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String }
            #expect(Set(keys).count == keys.count, "no key twice")
            if span["name"] as? String == "root" {
                #expect(keys.first == "root.index" && keys.contains(LLMTraceAttributes.samplingRule))
                #expect(!keys.contains { $0 == "child.index" || $0 == "even" || $0.hasPrefix("extra.") })
            } else {
                let index = (span["attributes"] as? [[String: Any]] ?? []).first { $0["key"] as? String == "child.index" }
                let value = Int((index?["value"] as? [String: Any])?["intValue"] as? String ?? "") ?? -1
                #expect(value >= 0)
                #expect(keys.contains("even") == (value % 2 == 0))
                #expect(keys.filter { $0.hasPrefix("extra.") }.count == value % 12)
                #expect(!keys.contains { $0 == "root.index" || $0 == LLMTraceAttributes.samplingRule })
            }
        }
        for (position, child) in held.enumerated() {
            #expect(child.attributes["child.index"] == .int(position * 50))
            #expect(child.attributes.count == 2 + (position * 50) % 12)
        }
    }

    /// With the default chain, a local root's end gives the record its own copy of the
    /// attributes (the stages append to it) and the span's list goes back to the pool when the
    /// span goes: the span keeps reading its own attributes until then, and a copy the
    /// application took of them outlives the span unchanged.
    @Test func aRootsListIsCopiedAtItsEndAndGivenBackWhenTheSpanGoes() throws {
        let exporter = InMemorySpanExporter()
        var configuration = TracingConfiguration()
        configuration.metrics.exporters = [.prometheus]
        let batch = BatchSpanProcessor(exporter: exporter)
        let provider = TracerProvider(configuration: configuration, processors: [batch])
        var root: Span? = provider.tracer("t").startSpan("root", parent: .root)
        root?.setAttribute("question.id", "q-7")
        root?.setAttribute("rank", 1)
        root?.end()
        let taken = try #require(root?.attributes)
        #expect(taken.count == 2 && root?.attributes[LLMTraceAttributes.samplingRule] == nil)
        root = nil
        #expect(taken["question.id"] == "q-7" && taken["rank"] == 1 && taken.count == 2)
        provider.forceFlush()
        let exported = try #require(exporter.spans.first)
        #expect(exported.attributes["question.id"] == "q-7" && exported.attributes[LLMTraceAttributes.samplingRule] != nil)
        // Storage the pool handed out again is the new holder's alone.
        var reused = AttributeStoragePool.shared.take()
        reused.append(Attribute("other", 9))
        #expect(taken.count == 2 && exported.attributes["other"] == nil)
        provider.shutdown()
    }

    /// Threads taking, giving back and reclaiming at once (ThreadSanitizer runs this in CI):
    /// every list handed out is empty and the pool never holds more than its capacity of
    /// either kind.
    @Test func takingAndGivingBackFromManyThreadsAtOnce() async {
        let pool = AttributeStoragePool(capacity: 64)
        await withTaskGroup(of: Bool.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    var allEmpty = true
                    for round in 0..<500 {
                        var storage = pool.take()
                        allEmpty = allEmpty && storage.isEmpty
                        storage.append(Attribute("worker", .int(worker)))
                        let size = 1 + round % 5
                        let sized = pool.take(capacity: size)
                        allEmpty = allEmpty && sized.isEmpty && sized.capacity >= size
                        var attributes = Attributes()
                        attributes.set("round", .int(round), countLimit: 128)
                        if round % 2 == 0 {
                            pool.give(&attributes)
                        } else {
                            var batch = [SpanData.stub(name: "s"), SpanData.stub(name: "exact")]
                            batch[0].attributes = attributes
                            batch[1].attributes = Attributes(unique: (0..<size).map { Attribute("key.\($0)", .int($0)) })
                            pool.reclaim(from: &batch, keepingSizes: true)
                        }
                    }
                    return allEmpty
                }
            }
            for await allEmpty in group { #expect(allEmpty) }
        }
        #expect(pool.count <= 64 && pool.sizedCount <= 64)
    }

    /// Lists too large to be worth keeping are released, not pooled.
    @Test func aVeryLargeListIsNotKept() {
        let pool = AttributeStoragePool(capacity: 4)
        var large = Attributes()
        for index in 0..<(AttributeStoragePool.maximumCapacity + 1) { large.set("k\(index)", .int(index), countLimit: 1_000) }
        pool.give(&large)
        #expect(pool.count == 0)
    }

    /// Behind a long backlog a span's record keeps its attributes in storage of their own size,
    /// and the span's list goes back to the pool; before it, records share the span's list.
    @Test func spansThatEndBehindALongBacklogKeepTheirAttributesTight() {
        let children = Self.endBehindALongBacklog(name: "child") { tracer, index in
            let span = tracer.startSpan("child")
            span.setAttribute("index", index)
            span.setAttribute("gen_ai.operation.name", "retrieval")
            span.end()
        }
        #expect(children.enumerated().allSatisfy { $0.element.attributes["index"] == .int($0.offset) && $0.element.attributes.count == 2 })
        // Early ones shared the span's list (room for 8); late ones have theirs at its size.
        #expect(children[0].attributes.elements.capacity >= AttributeStoragePool.minimumCapacity)
        #expect(children.last!.attributes.elements.capacity < AttributeStoragePool.minimumCapacity)
    }

    /// A local root's record gets a copy of its attributes (the chain adds to it): behind a long
    /// backlog, with room for what the chain may add (the sampling mark, the trace totals) and
    /// no more, instead of pooled storage with room for 8 or more.
    @Test func rootsThatEndBehindALongBacklogKeepRoomOnlyForWhatTheChainAdds() {
        let roots = Self.endBehindALongBacklog(name: "root") { tracer, index in
            let span = tracer.startSpan("root", parent: .root)
            span.setAttribute("index", index)
            span.end()
        }
        #expect(roots.enumerated().allSatisfy { $0.element.attributes["index"] == .int($0.offset) })
        #expect(roots[0].attributes.elements.capacity >= AttributeStoragePool.minimumCapacity)
        // One attribute, room for the sampling stage's two and the metrics' three: six asked
        // for, and the allocator may round the capacity up, but not to a pooled list's eight.
        #expect((6..<AttributeStoragePool.minimumCapacity).contains(roots.last!.attributes.elements.capacity))
    }

    /// Ends `BatchSpanProcessor.longBacklog` + 1,000 spans through `end(tracer, index)`, the
    /// first full batch held in the exporter, with the default chain (LLM metrics on, sampling
    /// rules), and returns the exported spans called `name`, in order.
    private static func endBehindALongBacklog(name: String, _ end: (Tracer, Int) -> Void) -> [SpanData] {
        let exporter = GatedExporter()
        var batchConfiguration = BatchConfiguration()
        batchConfiguration.maxQueueSize = 20_000
        batchConfiguration.maxExportBatchSize = 512
        batchConfiguration.scheduleDelay = .seconds(3600)
        var configuration = TracingConfiguration()
        configuration.metrics.exporters = [.prometheus]
        let batch = BatchSpanProcessor(exporter: exporter, configuration: batchConfiguration)
        let provider = TracerProvider(configuration: configuration, processors: [batch])
        let tracer = provider.tracer("t")
        let total = BatchSpanProcessor.longBacklog + 1_000
        tracer.withSpan("outer") { _ in
            for index in 0..<total {
                end(tracer, index)
                // The first full batch holds the export queue until the gate opens.
                if index == 511 { #expect(exporter.entered.wait(timeout: .now() + .seconds(10)) == .success) }
            }
        }
        for _ in 0..<100 { exporter.gate.signal() }
        #expect(provider.forceFlush())
        let spans = exporter.batches.withLock { $0.flatMap { $0 } }.filter { $0.name == name }
        #expect(spans.count == total)
        provider.shutdown()
        return spans
    }
}
