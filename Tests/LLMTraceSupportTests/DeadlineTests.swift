import Testing
import LLMTraceSupport

@Suite struct DeadlineTests {
    @Test func aNegativeOrZeroDurationIsAlreadyDue() {
        for duration in [Duration.seconds(-5), .nanoseconds(-1), .zero] {
            let deadline = Deadline.after(duration)
            #expect(deadline.hasPassed)
            #expect(deadline.remainingNanos == 0)
            #expect(deadline.remaining == .zero)
        }
    }

    @Test func aHugeDurationSaturatesToNever() {
        #expect(Deadline.after(.seconds(Int64.max)) == .never)
        // Fits in the multiplication, overflows when added to the clock.
        #expect(Deadline.after(.seconds(18_446_744_073)) == .never)
    }

    @Test func neverNeverPasses() {
        #expect(!Deadline.never.hasPassed)
        #expect(Deadline.never.nanos == .max)
        #expect(Deadline.never.remaining == .nanoseconds(Int64.max))
    }

    @Test func remainingIsWithinTheDurationUntilDue() {
        let deadline = Deadline.after(.seconds(3600))
        #expect(!deadline.hasPassed)
        #expect(deadline.remaining <= .seconds(3600))
        #expect(deadline.remainingNanos > 0)
    }

    @Test func laterDeadlinesCompareGreater() {
        let soon = Deadline.after(.seconds(1))
        let later = Deadline.after(.seconds(2))
        #expect(soon < later)
        #expect(later < .never)
        #expect(min(later, soon) == soon)
        #expect(Deadline(nanos: 5) < Deadline(nanos: 6))
    }

    @Test func sharingRunsEveryStepInOrderAndAndsTheirResults() {
        var ran: [Int] = []
        let mixed = Deadline.sharing(.seconds(60), [
            { _ in ran.append(1); return true },
            { _ in ran.append(2); return false },
            { _ in ran.append(3); return true },
        ])
        #expect(!mixed)
        #expect(ran == [1, 2, 3])
        #expect(Deadline.sharing(.seconds(60), [{ _ in true }, { _ in true }]))
        #expect(Deadline.sharing(.seconds(60), []))
    }

    @Test func sharingGivesEachStepTheTimeLeftAndLateStepsNone() {
        var given: [Duration] = []
        _ = Deadline.sharing(.seconds(60), [{ given.append($0); return true }, { given.append($0); return true }])
        #expect(given.count == 2)
        #expect(given[0] <= .seconds(60))
        #expect(given[1] <= given[0])
        given = []
        let completed = Deadline.sharing(.zero, [{ given.append($0); return true }, { given.append($0); return true }])
        #expect(completed)
        #expect(given == [.zero, .zero])
    }

    @Test func continuousClockInstantsRoundTripInOrder() {
        let now = ContinuousClock.now
        let soon = Deadline(now.advanced(by: .seconds(60)))
        let later = Deadline(now.advanced(by: .seconds(120)))
        #expect(soon < later)
        #expect(!soon.hasPassed)
        #expect(soon.instant < later.instant)
        #expect(soon.instant > now)
        #expect(soon.instant <= now.advanced(by: .seconds(120)))
        #expect(Deadline(now.advanced(by: .seconds(-1))).hasPassed)
        #expect(Deadline.never.instant > ContinuousClock.now.advanced(by: .seconds(365 * 86_400)))
    }
}
