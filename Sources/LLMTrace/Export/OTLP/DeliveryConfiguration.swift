/// How an OTLP exporter behind a batch processor holds and sends its backlog while the receiver
/// is slow or away: a byte-bounded queue of encoded request bodies, several requests in flight,
/// and, if a directory is given, a spool on disk that outlives the process.
///
/// Batches are encoded (and gzipped, when compression is on) as soon as they are full, so the
/// backlog is bytes on the wire, not span objects. A body whose request fails retryably (429,
/// 502, 503, 504, no connection, no answer in time) stays queued and is tried again after a
/// backoff of 1 s doubling to 5 s, or when `Retry-After` says, for as long as it takes; other
/// statuses fail it at once.
public struct DeliveryConfiguration: Sendable, Equatable {
    /// The most bytes of encoded bodies held in memory. When a new body does not fit, the
    /// **oldest** bodies are dropped and counted (`ExportStatistics.evicted`, reason
    /// `export queue full`): after an outage, the most recent telemetry is the one worth having.
    /// With a spool, bodies that have to wait go to disk instead, and this bounds only the
    /// bodies the spool could not take (requests in flight are not counted).
    /// - Environment: `LLMTRACE_EXPORT_QUEUE_MAX_BYTES`. Default: 64 MiB.
    public var maxQueueBytes = 64 << 20
    /// Requests in flight at once, each on its own connection. Order across requests is not
    /// kept; the books stay exact.
    /// - Environment: `LLMTRACE_EXPORT_CONCURRENCY` (1–64). Default: 2.
    public var concurrency = 2
    /// A directory for bodies that cannot be sent at once, and for everything still queued at
    /// shutdown; `nil` (the default) keeps the backlog in memory only. Each signal uses its own
    /// subdirectory. The next process given the same directory sends what it finds first, and
    /// deletes each file only after the receiver answered 2xx (or refused it for good); several
    /// processes may share it,
    /// and none sends a file another is sending.
    /// - Environment: `LLMTRACE_SPOOL_DIR`.
    public var spoolDirectory: String?
    /// The most bytes of spool files per signal. Past it the **oldest** files are deleted and
    /// their items counted (`evicted`, reason `spool full`).
    /// - Environment: `LLMTRACE_SPOOL_MAX_BYTES`. Default: 1 GiB.
    public var spoolMaxBytes = 1 << 30

    /// The defaults above.
    public init() {}
}
