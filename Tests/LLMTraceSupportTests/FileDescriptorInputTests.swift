import Glibc
import Testing
import LLMTraceSupport

@Suite struct FileDescriptorInputTests {
    @Test func readsEverythingUntilTheWriterCloses() {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]) }
        let payload = [UInt8](repeating: 7, count: 70_000) + [1, 2, 3]
        // More than one chunk, written from another thread so the pipe never fills.
        let writer = ends[1]
        let done = Latch<Bool>()
        DetachedThread.start {
            payload.withUnsafeBytes { _ = FileDescriptorOutput.write($0, to: writer) }
            close(writer)
            done.set(true)
        }
        #expect(FileDescriptorInput.readToEnd(ends[0]) == payload)
        #expect(done.wait(timeout: .seconds(10)) == true)
    }
}
