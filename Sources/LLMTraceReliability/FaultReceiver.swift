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
    /// Plain answers chosen and not yet sent or failed: booked only once sent.
    private let unsent = Locked(0)
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

    /// The books, once every answer chosen so far has been sent or has failed (the client may
    /// have read an answer before the server's thread books it), waiting 2 s at most.
    var snapshot: Books {
        let deadline = ContinuousClock.now + .seconds(2)
        while unsent.withLock({ $0 }) > 0, ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.001) }
        return books.withLock { $0 }
    }

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
                let started = try? LoopbackHTTPServer(port: port, handler: { [self] request in answer(request) }, answered: { [self] request, reply, sent in
                    guard request.path.hasSuffix(bookedPath) else { return }
                    if sent { book(request, reply) }
                    unsent.withLock { $0 -= 1 }
                })
                server.withLock { $0 = started }
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        server.withLock { $0?.stop(); $0 = nil }
    }

    private func answer(_ request: LoopbackHTTPServer.Request) -> LoopbackHTTPServer.Reply {
        // Every signal meets the same fault; only the row's items are booked.
        guard request.path.hasSuffix(bookedPath) else { return fault.reply(seconds, 0, 0) }
        let ids = ids(in: request)
        let secretLeaked = LoopbackHTTPServer.find(Array(Suite.secret.utf8), in: request.body) != nil
        let (index, saveSample) = books.withLock { books -> (Int, Bool) in
            defer { books.requests += 1; books.sampleSaved = true }
            if secretLeaked { books.secretInBody += 1 }
            if request.headers["x-api-key"] != Suite.secret { books.missingHeader += 1 }
            return (books.requests, !books.sampleSaved)
        }
        let reply = fault.reply(seconds, index, ids.count)
        // A plain answer is booked once it is sent (`book`, from the server): a receiver that
        // goes down between taking a request and answering it has not told the client, which
        // sends it again, and that is no duplicate of the client's making. Other replies are
        // booked as they are chosen.
        if case .respond = reply { unsent.withLock { $0 += 1 } } else { book(request, reply, ids: ids) }
        if saveSample {
            // One body per fault joins the strict receiver's conformance replay.
            let kind = bookedPath == "/v1/logs" ? "logs-reliability" : "payload-reliability"
            TestReceiver.dump(request.body, kind: kind, ext: TestReceiver.fileExtension(of: request), into: payloadDirectory)
        }
        return reply
    }

    private func ids(in request: LoopbackHTTPServer.Request) -> [UInt64] {
        bookedPath == "/v1/logs" ? AppWorkload.lineNumbers(in: request.body) : OTLPBody.spanIDs(in: request.body)
    }

    /// Books the items `reply` accepts, and the duplicates among them.
    private func book(_ request: LoopbackHTTPServer.Request, _ reply: LoopbackHTTPServer.Reply, ids known: [UInt64]? = nil) {
        guard request.path.hasSuffix(bookedPath) else { return }
        let ids = known ?? ids(in: request)
        let accepted = Fault.accepted(reply, spans: ids.count)
        books.withLock { books in
            for id in ids.prefix(accepted) where !books.accepted.insert(id).inserted { books.duplicates += 1 }
        }
    }

    func stop() {
        stopped.withLock { $0 = true }
        server.withLock { $0?.stop(); $0 = nil }
    }
}
