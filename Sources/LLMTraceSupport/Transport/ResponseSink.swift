import CCurlZlib

/// Collects one response from libcurl's callbacks.
final class ResponseSink {
    let limit: Int
    var body: [UInt8] = []
    var headers: [String: String] = [:]
    /// The final (non-1xx) status, once its status line has arrived.
    var status: Int?

    init(limit: Int) { self.limit = limit }

    func appendBody(_ data: UnsafeMutablePointer<CChar>?, _ length: Int) -> Int {
        guard let data, length > 0 else { return 0 }
        // A short count makes libcurl abort the transfer: a larger body is not worth reading.
        guard body.count + length <= limit else { return 0 }
        data.withMemoryRebound(to: UInt8.self, capacity: length) { body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length)) }
        return length
    }

    func appendHeader(_ data: UnsafeMutablePointer<CChar>?, _ length: Int) -> Int {
        guard let data, length > 0 else { return length }
        let line = data.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
        if line.hasPrefix("HTTP/") {
            headers.removeAll() // a new response (after 1xx, or a redirect) starts
            // "HTTP/1.1 200 OK": the code is the second token.
            let code = line.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap { Int($0.prefix(3)) }
            status = code.flatMap { (200...599).contains($0) ? $0 : nil }
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingOWS().trimmingCharactersCRLF()
            headers[name] = String(value)
        }
        return length
    }
}

extension Substring {
    func trimmingCharactersCRLF() -> Substring {
        var s = self
        while let last = s.last, last == "\r" || last == "\n" || last == "\r\n" { s = s.dropLast() }
        return s.trimmingOWS()
    }
}
