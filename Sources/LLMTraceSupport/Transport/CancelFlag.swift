import CCurlZlib
import Synchronization

/// Set once to stop a transport; wakes the post that is waiting.
final class CancelFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    // curl_multi_wakeup may be called from any thread; the handle outlives every caller.
    nonisolated(unsafe) let multi: UnsafeMutableRawPointer?

    init(multi: UnsafeMutableRawPointer?) { self.multi = multi }

    var isSet: Bool { flag.load(ordering: .acquiring) }

    func set() {
        flag.store(true, ordering: .releasing)
        if let multi { curl_multi_wakeup(multi) }
    }
}
