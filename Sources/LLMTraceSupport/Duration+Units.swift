extension Duration {
    /// Whole nanoseconds, saturating at `Int64.max`.
    public var nanoseconds: Int64 {
        let (seconds, attos) = components
        let (mul, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return mul &+ attos / 1_000_000_000
    }

    /// Whole milliseconds.
    public var milliseconds: Int64 { nanoseconds / 1_000_000 }

    /// Seconds, for rates and `Thread.sleep`.
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
