/// The version of LLMTrace: `TracerProvider.sdkVersion`, `telemetry.sdk.version` and the
/// exporter's `User-Agent`.
public enum SDKVersion {
    /// The current version.
    public static let current = "0.1.0"
}
