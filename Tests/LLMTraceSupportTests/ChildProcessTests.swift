import Foundation
import Glibc
import Testing
import LLMTraceSupport

@Suite struct ChildProcessTests {
    @Test func capturesStandardOutputOfASuccessfulRun() throws {
        let output = try ChildProcess.run("/bin/echo", ["hello", "world"])
        #expect(output.status == 0)
        #expect(!output.signalled)
        #expect(output.stdout == "hello world\n")
        #expect(output.stderr.isEmpty)
    }

    @Test func reportsANonZeroExitStatusAndStandardError() throws {
        let output = try ChildProcess.run("/bin/sh", ["-c", "echo oops >&2; exit 3"])
        #expect(output.status == 3)
        #expect(!output.signalled)
        #expect(output.stderr == "oops\n")
    }

    @Test func reportsTheSignalThatEndedIt() throws {
        // SIGKILL, which no signal mask the child inherits can hold back.
        let output = try ChildProcess.run("/bin/sh", ["-c", "kill -KILL $$"])
        #expect(output.signalled)
        #expect(output.status == SIGKILL)
    }

    @Test func addsTheGivenEnvironmentAndCallsBackWhileRunning() throws {
        let called = Locked(false)
        let output = try ChildProcess.run("/bin/sh", ["-c", "printf %s \"$LLMTRACE_CHILD_TEST\""], environment: ["LLMTRACE_CHILD_TEST": "set"]) { _ in
            called.withLock { $0 = true }
        }
        #expect(output.stdout == "set")
        #expect(called.withLock { $0 })
    }

    @Test func aMissingExecutableThrows() {
        #expect(throws: (any Error).self) { try ChildProcess.run("/nonexistent/llmtrace-child", []) }
    }
}

@Suite struct ChildProcessStreamTests {
    @Test func readsLinesAsTheyComeAndFinishesWhenItsInputCloses() throws {
        // `cat` echoes one line, then waits for its input to close.
        let child = try ChildProcess("/bin/sh", ["-c", "echo ready; cat; echo done"], keepsInput: true)
        #expect(child.readLine() == "ready")
        #expect(child.isRunning)
        let output = child.finish()
        #expect(output.status == 0)
        #expect(output.stdout == "done\n")
        #expect(!child.isRunning)
    }

    @Test func isRunningReapsAChildThatExitedAndFinishStillReportsItsStatus() throws {
        let child = try ChildProcess("/bin/sh", ["-c", "exit 4"])
        while child.isRunning { usleep(1000) }
        let output = child.finish()
        #expect(output.status == 4)
        #expect(!output.signalled)
    }

    @Test func theChildInheritsNoDescriptorBeyondItsStandardStreams() throws {
        // Open without close-on-exec, as a socket or a library's file may be.
        let open = Glibc.open("/dev/null", O_RDONLY)
        #expect(open > 2)
        defer { close(open) }
        let output = try ChildProcess.run("/bin/sh", ["-c", "ls /proc/$$/fd"])
        let descriptors = output.stdout.split(separator: "\n").compactMap { Int32($0) }
        #expect(descriptors.contains(1) && !descriptors.contains(open))
    }

    @Test func aSignalReachesTheChildUntilItIsReaped() throws {
        let child = try ChildProcess("/bin/sleep", ["30"])
        #expect(child.signal(SIGTERM))
        let output = child.finish()
        #expect(output.signalled && output.status == SIGTERM)
        #expect(!child.signal(SIGTERM))
    }

    @Test func readingALineAfterFinishingGivesNothing() throws {
        let child = try ChildProcess("/bin/echo", ["one"])
        _ = child.finish()
        #expect(child.readLine() == nil)
    }

    @Test func finishingTwiceGivesTheSameOutput() throws {
        let child = try ChildProcess("/bin/echo", ["once"])
        let first = child.finish()
        let second = child.finish()
        #expect(first.stdout == "once\n" && second.stdout == "once\n" && second.status == 0)
    }

    @Test func aMissingExecutableSaysWhichAndWhy() {
        #expect { try ChildProcess("/nonexistent/llmtrace-child", []) } throws: { error in
            "\(error)".contains("/nonexistent/llmtrace-child")
        }
    }
}
