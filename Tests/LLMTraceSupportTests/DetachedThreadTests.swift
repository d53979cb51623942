import Glibc
import Testing
import LLMTraceSupport

@Suite struct DetachedThreadTests {
    @Test func runsTheBodyOnAnotherThread() {
        let done = Latch<Bool>()
        let caller = pthread_self()
        DetachedThread.start { done.set(pthread_equal(pthread_self(), caller) == 0) }
        #expect(done.wait(timeout: .seconds(10)) == true)
    }
}
