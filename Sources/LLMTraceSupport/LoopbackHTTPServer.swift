import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A small HTTP/1.1 server on 127.0.0.1 (port chosen by the kernel), one thread per connection,
/// keep-alive, bodies un-gzipped: what the test receiver and the benchmark's sink are built on.
public final class LoopbackHTTPServer: Sendable {
    /// One request as the server read it.
    public struct Request: Sendable {
        /// The request target, `/v1/traces` for example.
        public var path: String
        /// Header names in lower case.
        public var headers: [String: String]
        /// The body as sent (maybe gzipped).
        public var rawBody: [UInt8]
        /// The body after `Content-Encoding` was undone.
        public var body: [UInt8]
    }

    /// How the server answers a request: normally, or with a fault a test asks for.
    public enum Reply: Sendable {
        /// Answer with a status, headers and body.
        case respond(status: Int, headers: [String: String] = [:], body: String = "{}")
        /// Close the connection without answering.
        case hangUp
        /// Keep the connection open and never answer (until the client gives up).
        case never
        /// Answer: the status line at once, then one byte every `interval`.
        case trickle(status: Int, body: String, interval: Duration)
        /// Send the first `bytes` bytes of the answer, then close the connection.
        case cut(status: Int, body: String, bytes: Int)
        /// Send bytes that are not HTTP at all, then close the connection.
        case raw([UInt8])

        /// The bytes of an HTTP/1.1 response.
        static func response(status: Int, headers: [String: String] = [:], body: String) -> [UInt8] {
            var head = "HTTP/1.1 \(status) X\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n"
            for (name, value) in headers { head += "\(name): \(value)\r\n" }
            return Array((head + "\r\n").utf8) + Array(body.utf8)
        }
    }

    /// The port the server listens on, on 127.0.0.1.
    public let port: Int
    private let listener: Int32
    private let handler: @Sendable (Request) -> Reply
    private let answered: (@Sendable (Request, Reply, _ sent: Bool) -> Void)?
    private let stopped = Atomic<Bool>(false)
    private let acceptedConnections = Atomic<Int>(0)
    private let open = Locked<Set<Int32>>([])

    /// Starts listening on 127.0.0.1.
    /// - Parameters:
    ///   - port: The port to listen on; 0 lets the kernel pick one.
    ///   - handler: Answers each request, on its connection's thread.
    ///   - answered: Told, after each `.respond` reply, whether its head went out. A receiver
    ///     that books what it took books it here: a reply lost to ``stop()`` means the client
    ///     never heard the request was taken, and sends it again.
    public init(
        port: Int = 0,
        handler: @escaping @Sendable (Request) -> Reply,
        answered: (@Sendable (Request, Reply, _ sent: Bool) -> Void)? = nil
    ) throws {
        self.handler = handler
        self.answered = answered
        (listener, self.port) = try Self.listen(port: port)
        // Thrown after `self` is whole: `deinit` stops what `listen` opened.
        guard DetachedThread.start({ [self] in acceptLoop() }) else { throw SocketError(call: "start a thread to accept", code: EAGAIN) }
    }

    deinit { stop() }

    /// TCP connections accepted so far: one means the client kept its connection alive.
    public var connections: Int { acceptedConnections.load(ordering: .relaxed) }

    /// Stops listening and drops every open connection, as a crashed receiver would.
    public func stop() {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        // Shut down, not closed: each connection's thread closes its own descriptor.
        open.withLock { for fd in $0 { shutdown(fd, Int32(SHUT_RDWR)) } }
    }

    /// A port on which nothing listens, and nothing will: a socket stays bound to it, without
    /// listening (so connections are refused) and without `SO_REUSEADDR` (so no other test's
    /// receiver, started meanwhile, is handed the same port), until the process exits.
    public static func closedPort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0, let port = try? bind(fd, port: 0) else { return 9 }
        return port
    }

    /// A port free now, to listen on later (the kernel may hand it to someone else meanwhile).
    public static func unusedPort() -> Int {
        guard let (fd, port) = try? listen(port: 0) else { return 9 }
        close(fd)
        return port
    }

    private func acceptLoop() {
        while !stopped.load(ordering: .acquiring) {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            acceptedConnections.wrappingAdd(1, ordering: .relaxed)
            let admitted = open.withLock { open -> Bool in
                guard !stopped.load(ordering: .acquiring) else { return false }
                open.insert(connection)
                return true
            }
            guard admitted else { close(connection); break }
            // A client that stops mid-request must not hold a thread for ever.
            var timeout = timeval(tv_sec: 15, tv_usec: 0)
            setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            if !DetachedThread.start({ [self] in serve(connection) }) { close(connection) }
        }
    }

    private func serve(_ connection: Int32) {
        defer {
            open.withLock { _ = $0.remove(connection) }
            close(connection)
        }
        // Bytes read but not yet used: a request head, maybe the start of its body.
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        func fill() -> Bool {
            let n = chunk.withUnsafeMutableBytes { read(connection, $0.baseAddress, $0.count) }
            guard n > 0 else { return false }
            buffer.append(contentsOf: chunk[0..<n])
            return true
        }
        while !stopped.load(ordering: .acquiring) {
            var headerEnd: Int?
            while headerEnd == nil {
                headerEnd = Self.find([13, 10, 13, 10], in: buffer)
                if headerEnd == nil, !fill() { return }
            }
            let head = String(decoding: buffer[0..<headerEnd!], as: UTF8.self)
            buffer.removeFirst(headerEnd! + 4)
            var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
            let requestLine = lines.removeFirst().split(separator: " ")
            var headers: [String: String] = [:]
            for line in lines {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].lowercased()] = String(line[line.index(after: colon)...].trimmingOWS())
            }
            let length = max(0, Int(headers["content-length"] ?? "0") ?? 0)
            // The body is read straight into its own array: no staging copy, no shifting of a
            // buffer (the benchmark's sink must not be what is measured).
            let buffered = min(length, buffer.count)
            var complete = true
            let raw = [UInt8](unsafeUninitializedCapacity: length) { target, initialized in
                buffer.withUnsafeBufferPointer { source in
                    if buffered > 0 { target.baseAddress!.update(from: source.baseAddress!, count: buffered) }
                }
                var filled = buffered
                while filled < length {
                    let n = read(connection, target.baseAddress! + filled, length - filled)
                    guard n > 0 else { complete = false; break }
                    filled += n
                }
                initialized = filled
            }
            guard complete else { return }
            buffer.removeFirst(buffered)
            let body = headers["content-encoding"] == "gzip" ? ((try? Gzip.decompress(raw)) ?? []) : raw
            let request = Request(path: requestLine.count > 1 ? String(requestLine[1]) : "/", headers: headers, rawBody: raw, body: body)
            let reply = handler(request)
            switch reply {
            case .hangUp:
                return
            case .respond(let status, let extra, let text):
                let response = Reply.response(status: status, headers: extra, body: text)
                // The client has its answer once the head is out, though it may stop reading a
                // large body before the end.
                let head = (Self.find([13, 10, 13, 10], in: response) ?? 0) + 4
                let written = write(response, to: connection)
                answered?(request, reply, written >= head)
                guard written == response.count else { return }
            case .never:
                // Reads until the client hangs up; anything it sends is ignored.
                while !stopped.load(ordering: .acquiring) {
                    let n = chunk.withUnsafeMutableBytes { read(connection, $0.baseAddress, $0.count) }
                    if n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) { return }
                }
                return
            case .trickle(let status, let text, let interval):
                // The status line goes out whole: it is the receiver's decision, made at once;
                // the headers and body that follow crawl.
                let response = Reply.response(status: status, body: text)
                let statusLine = (Self.find([13, 10], in: response) ?? 0) + 2
                guard write(Array(response[..<statusLine]), to: connection) == statusLine else { return }
                for byte in response[statusLine...] {
                    guard !stopped.load(ordering: .acquiring), write([byte], to: connection) == 1 else { return }
                    usleep(useconds_t(clamping: interval.nanoseconds / 1000))
                }
            case .cut(let status, let text, let count):
                _ = write(Array(Reply.response(status: status, body: text).prefix(count)), to: connection)
                return
            case .raw(let bytes):
                _ = write(bytes, to: connection)
                return
            }
        }
    }

    /// Sends `bytes`; returns how many went out, fewer than all once the client is gone.
    @discardableResult
    private func write(_ bytes: [UInt8], to connection: Int32) -> Int {
        bytes.withUnsafeBytes { buffer in
            var sent = 0
            while sent < buffer.count {
                let n = send(connection, buffer.baseAddress! + sent, buffer.count - sent, Int32(MSG_NOSIGNAL))
                guard n > 0 else { return sent }
                sent += n
            }
            return sent
        }
    }

    /// Where `needle` first occurs in `haystack`: memchr finds candidates for its first byte at
    /// memory speed, a compare confirms them.
    public static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int = 0) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        return haystack.withUnsafeBytes { hay in
            needle.withUnsafeBytes { pattern in
                let base = hay.baseAddress!
                let last = hay.count - pattern.count
                var offset = start
                while offset <= last, let hit = memchr(base + offset, Int32(first), last - offset + 1) {
                    let position = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + position, pattern.baseAddress!, pattern.count) == 0 { return position }
                    offset = position + 1
                }
                return nil
            }
        }
    }

    /// Why the server could not listen.
    public struct SocketError: Error, CustomStringConvertible {
        /// The call that failed.
        public var call: String
        /// Its `errno`.
        public var code: Int32
        public var description: String { "\(call) failed: \(String(cString: strerror(code)))" }
    }

    /// Opens, binds and listens on 127.0.0.1; returns the descriptor and its port.
    private static func listen(port: Int) throws -> (Int32, Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SocketError(call: "socket", code: errno) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        do {
            let bound = try bind(fd, port: port)
            guard Glibc.listen(fd, 64) == 0 else { throw SocketError(call: "listen", code: errno) }
            return (fd, bound)
        } catch {
            close(fd)
            throw error
        }
    }

    /// Binds `fd` to 127.0.0.1:`port` (0: one the kernel picks); returns the port.
    private static func bind(_ fd: Int32, port: Int) throws -> Int {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw SocketError(call: "bind to 127.0.0.1:\(port)", code: errno) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
