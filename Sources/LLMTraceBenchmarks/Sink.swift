import Foundation
import LLMTrace
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A fast OTLP/HTTP sink on 127.0.0.1: answers every POST with 200 `{}` and counts the spans and
/// body bytes it got, so the benchmark measures the agent, not the receiver.
///
/// Spans are counted by the `"spanId":` keys in the (gunzipped) JSON body: one per span in the
/// workload, which has no links.
final class Sink: Sendable {
    let port: Int
    private let listener: Int32
    private let spanCount = Atomic<Int>(0)
    private let wireBytes = Atomic<Int>(0)
    private let requestCount = Atomic<Int>(0)
    private let stopped = Atomic<Bool>(false)
    private let dumpDirectory: String?

    /// Spans received so far.
    var spans: Int { spanCount.load(ordering: .acquiring) }
    /// Request body bytes as sent (compressed when gzip is on).
    var bytes: Int { wireBytes.load(ordering: .acquiring) }
    var requests: Int { requestCount.load(ordering: .acquiring) }
    var url: String { "http://127.0.0.1:\(port)/v1/traces" }

    /// - Parameter dumpDirectory: where to save each (gunzipped) body, for conformance checks.
    init(dumpDirectory: String? = nil) throws {
        self.dumpDirectory = dumpDirectory
        (listener, port) = try LoopbackSocket.listen()
        Thread { [self] in acceptLoop() }.start()
    }

    func stop() {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while !stopped.load(ordering: .acquiring) {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            Thread { [self] in serve(connection) }.start()
        }
    }

    private static let ok = Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}".utf8)
    private static let spanKey = Array("\"spanId\":".utf8)

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        var buffer = [UInt8]()
        buffer.reserveCapacity(1 << 20)
        var chunk = [UInt8](repeating: 0, count: 1 << 18)
        var start = 0
        func fill() -> Bool {
            let n = chunk.withUnsafeMutableBytes { read(connection, $0.baseAddress, $0.count) }
            guard n > 0 else { return false }
            buffer.append(contentsOf: chunk[0..<n])
            return true
        }
        while true {
            // Headers
            var headerEnd: Int?
            while headerEnd == nil {
                headerEnd = Self.find([13, 10, 13, 10], in: buffer, from: start)
                if headerEnd == nil, !fill() { return }
            }
            let head = String(decoding: buffer[start..<headerEnd!], as: UTF8.self).lowercased()
            var length = 0
            var gzip = false
            for line in head.split(separator: "\r\n") {
                if line.hasPrefix("content-length:") { length = Int(line.dropFirst(15).trimmingCharacters(in: .whitespaces)) ?? 0 }
                if line.hasPrefix("content-encoding:") { gzip = line.contains("gzip") }
            }
            let bodyStart = headerEnd! + 4
            while buffer.count < bodyStart + length { if !fill() { return } }
            let raw = Array(buffer[bodyStart..<(bodyStart + length)])
            let body = gzip ? ((try? Gzip.decompress(raw)) ?? []) : raw
            spanCount.wrappingAdd(Self.count(Self.spanKey, in: body), ordering: .releasing)
            wireBytes.wrappingAdd(length, ordering: .releasing)
            let n = requestCount.wrappingAdd(1, ordering: .releasing).newValue
            if let dumpDirectory {
                try? Data(body).write(to: URL(fileURLWithPath: dumpDirectory).appendingPathComponent("bench-\(getpid())-\(port)-\(n).json"))
            }
            _ = Self.ok.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            start = bodyStart + length
            if start > (1 << 20) {
                buffer.removeFirst(start)
                start = 0
            }
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard haystack.count >= from + needle.count else { return nil }
        var i = from
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == needle[0] && haystack[i + 1] == needle[1] && haystack[i + 2] == needle[2] && haystack[i + 3] == needle[3] { return i }
            i += 1
        }
        return nil
    }

    static func count(_ needle: [UInt8], in haystack: [UInt8]) -> Int {
        guard !needle.isEmpty, haystack.count >= needle.count else { return 0 }
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pattern in
                let base = UnsafeRawPointer(hay.baseAddress!)
                var total = 0
                var offset = 0
                let last = hay.count - pattern.count
                // memchr finds the candidates at memory speed; memcmp confirms them.
                while offset <= last, let hit = memchr(base + offset, Int32(pattern[0]), last - offset + 1) {
                    let position = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + position, pattern.baseAddress!, pattern.count) == 0 {
                        total += 1
                        offset = position + pattern.count
                    } else {
                        offset = position + 1
                    }
                }
                return total
            }
        }
    }
}
