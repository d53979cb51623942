import Foundation
import Testing
import LLMTraceSupport

@Suite struct ProcessFiguresTests {
    @Test func figuresOfThisProcessArePositive() {
        #expect(ProcessFigures.residentBytes() > 0)
        #expect(ProcessFigures.peakRSSBytes() > 0)
        #expect(ProcessFigures.threads() >= 1)
        #expect(ProcessFigures.openFileDescriptors() >= 3)
    }

    /// The process's CPU time grows while this thread computes. (The kernel counts it in ticks:
    /// the loop computes until a few have passed, or gives up after seconds of wall clock.)
    @Test func cpuTimeGrowsWithWorkDone() {
        let before = ProcessFigures.cpuSeconds()
        let clock = ContinuousClock()
        let giveUp = clock.now.advanced(by: .seconds(10))
        var state: UInt64 = 1
        while ProcessFigures.cpuSeconds() - before < 0.05 && clock.now < giveUp {
            for _ in 0..<100_000 { state = state &* 6_364_136_223_846_793_005 &+ 1 }
        }
        #expect(before > 0 && state != 0)
        #expect(ProcessFigures.cpuSeconds() - before >= 0.05)
    }

    @Test func executablePathIsThisProgram() {
        let path = ProcessFigures.executablePath
        #expect(path.hasPrefix("/"))
        #expect(FileManager.default.isExecutableFile(atPath: path))
    }
}
