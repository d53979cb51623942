import Testing
import LLMTraceSupport
#if canImport(Glibc)
import Glibc
#endif

/// A port on 127.0.0.1 where nothing listens: a socket is bound to it, never listening, for the
/// life of the process, so connections are refused and no other test can be handed the port.
private let refusingPort: Int = {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
            bind(fd, pointer, length) == 0 ? getsockname(fd, pointer, &length) : -1
        }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}()

@Suite struct CurlTransportTests {
    func request(port: Int) -> HTTPRequest {
        HTTPRequest(url: "http://127.0.0.1:\(port)/v1/traces", headers: [("Content-Type", "application/json")], body: Array("{}".utf8))
    }

    @Test func aRefusedConnectionIsATransportErrorNotATimeout() throws {
        #expect(refusingPort > 0)
        let transport = CurlTransport(connectTimeout: .seconds(5))
        let result = transport.post(request(port: refusingPort), timeout: .seconds(10))
        guard case .failure(let error) = result else {
            Issue.record("expected a failure, got \(result)")
            return
        }
        #expect(!error.isTimeout)
        #expect(error.code == 7) // CURLE_COULDNT_CONNECT
        #expect(!error.message.isEmpty)
    }

    @Test func afterCancelEveryPostFailsAtOnce() {
        let transport = CurlTransport()
        transport.cancel()
        for _ in 0..<2 {
            guard case .failure(let error) = transport.post(request(port: refusingPort), timeout: .seconds(10)) else {
                Issue.record("a cancelled transport posted")
                return
            }
            #expect(error.message.hasPrefix("cancelled"))
            #expect(!error.isTimeout)
        }
    }
}
