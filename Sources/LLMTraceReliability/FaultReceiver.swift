import Foundation
import LLMTrace
import LLMTraceTesting
import LLMTraceSupport

/// The receiver under the suite's control: a real HTTP server on 127.0.0.1 that plays one
/// fault, goes down and comes back on the same port when the fault says so, and keeps the books:
/// which spans it accepted, how many of them it had accepted before, whether a secret reached it
/// in a body.
final class FaultReceiver: Sendable {
    let port: Int
    private let fault: Fault
    private let start = ContinuousClock.now
    private let server = Locked<LoopbackHTTPServer?>(nil)
    private let books = Locked(Books())
    private let stopped = Locked(false)
    private let payloadDirectory: String?
    /// `/v1/traces` (spans booked by id) or `/v1/logs` (log lines booked by their number).
    private let bookedPath: String

    struct Books {
        var accepted = Set<UInt64>()
        var duplicates = 0
        var requests = 0
        var secretInBody = 0
        var missingHeader = 0
        var sampleSaved = false
    }

    init(fault: Fault, payloadDirectory: String?, bookedPath: String) throws {
        self.fault = fault
        self.payloadDirectory = payloadDirectory
        self.bookedPath = bookedPath
        port = LoopbackHTTPServer.unusedPort()
        Thread { [self] in watch() }.start()
    }

    var seconds: Double {
        (ContinuousClock.now - start).seconds
    }

    var snapshot: Books { books.withLock { $0 } }

    /// Starts and stops the server as the fault's schedule says, every 10 ms.
    private func watch() {
        while !stopped.withLock({ $0 }) {
            let down = fault.isDown(seconds)
            let running = server.withLock { $0 != nil }
            if down && running {
                server.withLock { $0?.stop(); $0 = nil }
            } else if !down && !running {
                // The old socket may linger in TIME_WAIT for a moment; SO_REUSEADDR covers it,
                // and a failed bind is tried again on the next tick.
                let started = try? LoopbackHTTPServer(port: port) { [self] request in answer(request) }
                server.withLock { $0 = started }
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        server.withLock { $0?.stop(); $0 = nil }
    }

    private func answer(_ request: LoopbackHTTPServer.Request) -> LoopbackHTTPServer.Reply {
        // Every signal meets the same fault; only the row's items are booked.
        guard request.path.hasSuffix(bookedPath) else { return fault.reply(seconds, 0, 0) }
        let ids = bookedPath == "/v1/logs" ? AppWorkload.lineNumbers(in: request.body) : OTLPBody.spanIDs(in: request.body)
        let secretLeaked = LoopbackHTTPServer.find(Array(Suite.secret.utf8), in: request.body) != nil
        let (index, saveSample) = books.withLock { books -> (Int, Bool) in
            defer { books.requests += 1; books.sampleSaved = true }
            return (books.requests, !books.sampleSaved)
        }
        let reply = fault.reply(seconds, index, ids.count)
        let accepted = Fault.accepted(reply, spans: ids.count)
        books.withLock { books in
            for id in ids.prefix(accepted) where !books.accepted.insert(id).inserted { books.duplicates += 1 }
            if secretLeaked { books.secretInBody += 1 }
            if request.headers["x-api-key"] != Suite.secret { books.missingHeader += 1 }
        }
        if saveSample {
            // One body per fault joins the strict receiver's conformance replay.
            let kind = bookedPath == "/v1/logs" ? "logs-reliability" : "payload-reliability"
            TestReceiver.dump(request.body, kind: kind, ext: TestReceiver.fileExtension(of: request), into: payloadDirectory)
        }
        return reply
    }

    func stop() {
        stopped.withLock { $0 = true }
        server.withLock { $0?.stop(); $0 = nil }
    }
}
