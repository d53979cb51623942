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
    /// for an empty body. A file that cannot be written whole is removed: the replay would post
    /// a truncated body.
    public static func save(_ body: [UInt8], kind: String, ext: String, into directory: String?) {
        guard let directory, !body.isEmpty else { return }
        let n = counter.wrappingAdd(1, ordering: .relaxed).newValue
        let path = "\(directory)/\(kind)-\(getpid())-\(n).\(ext)"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        let written = body.withUnsafeBytes { FileDescriptorOutput.write($0, to: descriptor) }
        if close(descriptor) != 0 || !written { unlink(path) }
    }
}
