import Testing
@testable import LLMTrace

@Suite struct AttributesTests {
    @Test func keepsTheOrderKeysWereFirstSet() {
        var attributes: Attributes = ["b": 1, "a": 2]
        attributes["c"] = 3
        attributes["b"] = 10
        #expect(attributes.map(\.key) == ["b", "a", "c"])
        #expect(attributes["b"] == 10)
    }

    @Test func aLaterDuplicateOverwritesAnEarlierOne() {
        let attributes = Attributes([(key: "k", value: "first"), (key: "other", value: 1), (key: "k", value: "second")])
        #expect(attributes.count == 2)
        #expect(attributes["k"] == "second")
    }

    @Test func settingNilRemovesAndEmptyKeysAreIgnored() {
        var attributes: Attributes = ["a": 1, "": 2]
        #expect(attributes.map(\.key) == ["a"])
        attributes[""] = 3
        attributes["a"] = nil
        #expect(attributes.isEmpty)
    }

    @Test func theCountLimitRefusesNewKeysButNotOverwrites() {
        var attributes = Attributes()
        let results = [
            attributes.set("a", 1, countLimit: 2),
            attributes.set("b", 2, countLimit: 2),
            attributes.set("c", 3, countLimit: 2),
            attributes.set("a", 4, countLimit: 2),
            attributes.set("", 5, countLimit: 2), // ignored, not counted as dropped
        ]
        #expect(results == [true, true, false, true, true])
        #expect(attributes.map(\.key) == ["a", "b"])
        #expect(attributes["a"] == 4)
    }

    /// Lookups skip the scan when no key has the looked-up byte count; counts 64 apart share a
    /// bit, and a removal must not leave a stale bit or lose a live one. Checked against a
    /// dictionary over random operations.
    @Test func lookupsAgreeWithADictionaryThroughSetsOverwritesAndRemovals() {
        let keys = (0..<40).map { i in String(repeating: "k", count: 1 + (i * 13) % 130) + (i % 3 == 0 ? "" : "\(i)") }
        var attributes = Attributes()
        var expected: [String: Int] = [:]
        var generator = SystemRandomNumberGenerator()
        for step in 0..<5_000 {
            let key = keys.randomElement(using: &generator)!
            switch Int.random(in: 0..<4, using: &generator) {
            case 0:
                attributes[key] = nil
                expected[key] = nil
            case 1:
                attributes.set(key, .int(step), countLimit: 128)
                expected[key] = step
            default:
                attributes[key] = .int(step)
                expected[key] = step
            }
            for probe in keys.prefix(12) {
                #expect(attributes[probe] == expected[probe].map { AttributeValue.int($0) }, "\(probe.utf8.count) bytes, step \(step)")
            }
        }
        #expect(attributes.count == expected.count)
        #expect(Attributes(unique: attributes.elements) == attributes)
        #expect(Attributes(unique: attributes.elements)[keys[0]] == attributes[keys[0]])
    }

    @Test func movingToExactStorageKeepsEveryAttributeInTightStorage() {
        var attributes = Attributes()
        for (index, key) in ["gen_ai.operation.name", "retrieval.doc_count", "note"].enumerated() {
            attributes.set(key, .string("value \(index)"), countLimit: 128)
        }
        attributes.set("score", .double(0.87), countLimit: 128)
        #expect(attributes.hasSpareCapacity)
        let vacated = attributes.moveToExactStorage()
        // Exactly 4 with glibc's malloc; fewer than a live span's room in any case.
        #expect(attributes.elements.capacity < AttributeStoragePool.minimumCapacity && !attributes.hasSpareCapacity)
        #expect(attributes.map(\.key) == ["gen_ai.operation.name", "retrieval.doc_count", "note", "score"])
        #expect(attributes["note"] == .string("value 2") && attributes["score"] == .double(0.87))
        // The storage left behind holds attributes that own nothing, ready to be emptied.
        #expect(vacated.count == 4 && vacated.capacity >= AttributeStoragePool.minimumCapacity)
        #expect(vacated.allSatisfy { $0.key.isEmpty })
        // A key set after the move still finds the ones before it.
        attributes.set("note", .string("changed"), countLimit: 128)
        #expect(attributes.count == 4 && attributes["note"] == .string("changed"))
    }

    @Test func movingToExactStorageLeavesACopyTakenBeforeAsItWas() {
        var attributes = Attributes()
        attributes.set("a", .string("one"), countLimit: 128)
        attributes.set("b", .int(2), countLimit: 128)
        let taken = attributes
        _ = attributes.moveToExactStorage()
        #expect(taken["a"] == .string("one") && taken["b"] == .int(2) && taken.count == 2)
        #expect(attributes == taken && attributes.elements.capacity < AttributeStoragePool.minimumCapacity)
    }

    @Test func onlyASetWithAttributesAndRoomToSpareHasSpareCapacity() {
        #expect(!Attributes().hasSpareCapacity)
        var roomy = Attributes()
        roomy.set("a", .int(1), countLimit: 128)
        #expect(roomy.hasSpareCapacity)
    }
}
