/// The general OpenTelemetry semantic conventions LLMTrace writes or reads: errors and
/// exceptions, the service and SDK on the resource, the server a client span called, and the
/// metric overflow marker.
public enum OTelAttributes {
    /// `error.type` (string, low cardinality): set only when the operation failed.
    public static let errorType = "error.type"
    /// The `error.type` value when nothing better is known.
    public static let errorTypeOther = "_OTHER"

    /// The name of the event that records an exception, `exception`.
    public static let exceptionEvent = "exception"
    /// `exception.type` (string): the error's type.
    public static let exceptionType = "exception.type"
    /// `exception.message` (string): the error's message.
    public static let exceptionMessage = "exception.message"

    /// `service.name` (string, resource): the logical name of the service.
    public static let serviceName = "service.name"
    /// `telemetry.sdk.name` (string, resource).
    public static let telemetrySDKName = "telemetry.sdk.name"
    /// `telemetry.sdk.language` (string, resource).
    public static let telemetrySDKLanguage = "telemetry.sdk.language"
    /// `telemetry.sdk.version` (string, resource).
    public static let telemetrySDKVersion = "telemetry.sdk.version"
    /// `telemetry.distro.name` (string, resource): the distribution of the SDK, `llmtrace`.
    public static let telemetryDistroName = "telemetry.distro.name"

    /// `server.address` (string): the host a client span called. Set at start.
    public static let serverAddress = "server.address"
    /// `server.port` (int): set whenever `server.address` is.
    public static let serverPort = "server.port"
    /// `code.file.path` (string): the source file a log line was written in.
    public static let codeFilePath = "code.file.path"
    /// `code.function.name` (string): the function a log line was written in.
    public static let codeFunctionName = "code.function.name"
    /// `code.line.number` (int): the line a log line was written on.
    public static let codeLineNumber = "code.line.number"
    /// `http.response.status_code` (int): the status of an HTTP response; a failed HTTP span's
    /// `error.type` is this code as a string.
    public static let httpResponseStatusCode = "http.response.status_code"
    /// `enduser.id` (string): who the request is for; the per-key cost budget's default key.
    public static let enduserID = "enduser.id"

    /// `otel.metric.overflow` (bool): marks the series that takes records past a metric's
    /// series limit (OpenTelemetry SDK specification, "Cardinality limits").
    public static let metricOverflow = "otel.metric.overflow"
}
