import Testing
import LLMTraceSupport

@Suite struct WallClockTests {
    @Test func theWallClockIsInTheUnixEpochInNanoseconds() {
        let now = WallClock.nowUnixNano()
        #expect(now > 1_577_836_800_000_000_000) // after 2020-01-01
        #expect(now < 4_102_444_800_000_000_000) // before 2100-01-01
    }

    @Test func theMonotonicClockNeverGoesBack() {
        var last = WallClock.monotonicNanos()
        for _ in 0..<1000 {
            let now = WallClock.monotonicNanos()
            #expect(now >= last)
            last = now
        }
    }
}
