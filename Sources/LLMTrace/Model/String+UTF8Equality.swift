extension String {
    /// Whether the two strings are the same UTF-8 bytes: what makes two attribute keys one key
    /// (OTLP keys are byte strings).
    ///
    /// Swift's `==` answers a wider question, canonical equivalence, through a general
    /// comparison that costs a few hundred instructions for two distinct strings of equal
    /// length; every `setAttribute` and every ended span's metrics pass compare keys, and
    /// distinct keys of equal length are common (`gen_ai.request.model`,
    /// `gen_ai.provider.name`). Native strings are compared a word at a time in place.
    @inline(__always)
    func hasSameUTF8(as other: String) -> Bool {
        // The same two words are the same string: the same literal (a key set through the
        // conventions' constants, then looked for through them), the same storage, or the same
        // small string stored in the words themselves. Most keys the metrics look for match
        // this way.
        if MemoryLayout<String>.size == MemoryLayout<(UInt64, UInt64)>.size,
           unsafeBitCast(self, to: (UInt64, UInt64).self) == unsafeBitCast(other, to: (UInt64, UInt64).self) {
            return true
        }
        let count = utf8.count
        guard count == other.utf8.count else { return false }
        let inPlace = utf8.withContiguousStorageIfAvailable { mine in
            other.utf8.withContiguousStorageIfAvailable { theirs in
                Self.bytesEqual(UnsafeRawPointer(mine.baseAddress), UnsafeRawPointer(theirs.baseAddress), count)
            }
        }
        if let inPlace, let equal = inPlace { return equal }
        return utf8.elementsEqual(other.utf8)
    }

    @inline(__always)
    private static func bytesEqual(_ a: UnsafeRawPointer?, _ b: UnsafeRawPointer?, _ count: Int) -> Bool {
        guard count > 0, let a, let b else { return true }
        if a == b { return true }
        guard count >= 8 else {
            for offset in 0..<count where a.load(fromByteOffset: offset, as: UInt8.self) != b.load(fromByteOffset: offset, as: UInt8.self) {
                return false
            }
            return true
        }
        // Whole words, then the last word (overlapping the one before it when the count is not
        // a multiple of 8).
        var offset = 0
        while offset < count - 8 {
            if a.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != b.loadUnaligned(fromByteOffset: offset, as: UInt64.self) { return false }
            offset += 8
        }
        return a.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    }
}
