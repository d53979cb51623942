#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import LLMTraceSupport

/// Tells, before the run, whether anything accepts connections at the OTLP endpoint, so the
/// demo can say so at once and not wait out export retries at exit.
enum ReceiverProbe {
    /// Whether a TCP connection to the URL's host and port opens within `timeout`.
    static func isReachable(_ url: String, timeout: Duration = .milliseconds(500)) -> Bool {
        guard let components = URLComponents(string: url), let host = components.host else { return false }
        let port = components.port ?? (components.scheme == "https" ? 443 : 80)
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else { return false }
        defer { freeaddrinfo(list) }
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            if connect(info.pointee, timeout: timeout) { return true }
            entry = info.pointee.ai_next
        }
        return false
    }

    private static func connect(_ info: addrinfo, timeout: Duration) -> Bool {
        let fd = socket(info.ai_family, info.ai_socktype, info.ai_protocol)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        #if canImport(Glibc)
        let result = Glibc.connect(fd, info.ai_addr, info.ai_addrlen)
        #else
        let result = Darwin.connect(fd, info.ai_addr, info.ai_addrlen)
        #endif
        if result == 0 { return true }
        guard errno == EINPROGRESS else { return false }
        var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        let milliseconds = Int32(clamping: timeout.milliseconds)
        guard poll(&poller, 1, milliseconds) == 1 else { return false }
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
        return error == 0
    }
}
