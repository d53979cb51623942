import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Saves received OTLP bodies for the conformance replay in `.ci/run`, which posts each file to
/// the strict receiver by its name: `payload-*` to `/v1/traces`, `metrics-*` to `/v1/metrics`,
/// `logs-*` to `/v1/logs`, `*.pb` as protobuf, `*.json` as JSON, `*.prom` to a Prometheus parser.
public enum PayloadDump {
    private static let counter = Atomic<Int>(0)

    /// `pb` for a protobuf body, `json` otherwise, by the request's `Content-Type`.
    public static func fileExtension(contentType: String?) -> String {
        (contentType ?? "").contains("protobuf") ? "pb" : "json"
    }

    /// Saves `body` as `<kind>-<pid>-<n>.<ext>` in `directory`; nothing without a directory, or
    /// for an empty body. A file that cannot be written is skipped: the replay checks what is there.
    public static func save(_ body: [UInt8], kind: String, ext: String, into directory: String?) {
        guard let directory, !body.isEmpty else { return }
        let n = counter.wrappingAdd(1, ordering: .relaxed).newValue
        let descriptor = open("\(directory)/\(kind)-\(getpid())-\(n).\(ext)", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        body.withUnsafeBytes { _ = FileDescriptorOutput.write($0, to: descriptor) }
    }
}
