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

    @Test func executablePathIsThisProgram() {
        let path = ProcessFigures.executablePath
        #expect(path.hasPrefix("/"))
        #expect(FileManager.default.isExecutableFile(atPath: path))
    }
}
