/// The version of this library, reported as `telemetry.sdk.version` and in the `User-Agent`.
public enum LLMTraceVersion {
    /// The current version.
    public static let current = "0.1.0"
}
