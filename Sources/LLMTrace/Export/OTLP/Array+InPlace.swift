extension Array {
    /// Calls `body` with each element in place, in order, with its index.
    ///
    /// For encoders that read every field of large values (ended spans, log records): a
    /// borrowed array element is copied before a call that writes through a `ByteWriter`'s
    /// unsafe pointer (the compiler cannot tell that the writes do not reach the array), a
    /// retain and a release for each counted field, some 800 instructions for a span. An
    /// `inout` access is exclusive, so its fields are read where they are. `body` must not write
    /// to the element: the array's storage may be shared.
    @inline(__always)
    func forEachInPlace(_ body: (Int, inout Element) -> Void) {
        withUnsafeBufferPointer { elements in
            guard let first = elements.baseAddress else { return }
            let base = UnsafeMutablePointer(mutating: first)
            for i in elements.indices { body(i, &base[i]) }
        }
    }
}
