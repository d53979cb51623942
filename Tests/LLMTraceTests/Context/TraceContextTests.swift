import Dispatch
import Foundation
import Testing
@testable import LLMTrace
import LLMTraceTesting
import LLMTraceSupport

@Suite struct TraceContextTests {
    @Test func nestedSpansInSynchronousCodeFindTheirParent() {
        let (provider, exporter) = TestTracing.provider()
        let tracer = provider.tracer("t")
        tracer.withSpan("root") { _ in
            tracer.withSpan("child") { _ in
                tracer.withSpan("grandchild") { _ in }
            }
        }
        provider.forceFlush()
        let byName = Dictionary(uniqueKeysWithValues: exporter.spans.map { ($0.name, $0) })
        #expect(byName["root"]?.parentSpanID == nil)
        #expect(byName["child"]?.parentSpanID == byName["root"]?.context.spanID)
        #expect(byName["grandchild"]?.parentSpanID == byName["child"]?.context.spanID)
        #expect(Set(exporter.spans.map(\.context.traceID)).count == 1)
        #expect(TraceContext.currentSpan == nil)
    }

    @Test func asyncChildTasksInheritTheCurrentSpan() async throws {
        let (provider, exporter) = TestTracing.provider()
        let tracer = provider.tracer("t")
        try await tracer.withSpan("root") { _ in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<4 {
                    group.addTask {
                        try await Task.sleep(for: .milliseconds(1))
                        await tracer.withSpan("task-\(i)") { _ in
                            await Task.yield()
                            tracer.withSpan("leaf-\(i)") { _ in }
                        }
                    }
                }
                try await group.waitForAll()
            }
            async let detachedChild: Void = tracer.withSpan("async-let") { _ in }
            _ = await detachedChild
        }
        provider.forceFlush()
        let byName = Dictionary(uniqueKeysWithValues: exporter.spans.map { ($0.name, $0) })
        let root = try #require(byName["root"])
        for i in 0..<4 {
            #expect(byName["task-\(i)"]?.parentSpanID == root.context.spanID)
            #expect(byName["leaf-\(i)"]?.parentSpanID == byName["task-\(i)"]?.context.spanID)
        }
        #expect(byName["async-let"]?.parentSpanID == root.context.spanID)
    }

    @Test func dispatchAndThreadsCarryTheContextWhenAsked() {
        let (provider, exporter) = TestTracing.provider()
        let tracer = provider.tracer("t")
        let group = DispatchGroup()
        tracer.withSpan("root") { _ in
            DispatchQueue.global().asyncWithTraceContext(group: group) {
                tracer.withSpan("on-queue") { _ in }
            }
            DispatchQueue.global().async(group: group) {
                tracer.withSpan("unbound") { _ in }
            }
            group.enter()
            Thread(block: TraceContext.bind {
                tracer.withSpan("on-thread") { _ in }
                group.leave()
            }).start()
        }
        group.wait()
        provider.forceFlush()
        let byName = Dictionary(uniqueKeysWithValues: exporter.spans.map { ($0.name, $0) })
        let root = byName["root"]!
        #expect(byName["on-queue"]?.parentSpanID == root.context.spanID)
        #expect(byName["on-thread"]?.parentSpanID == root.context.spanID)
        #expect(byName["unbound"]?.parentSpanID == nil)
        #expect(byName["unbound"]?.context.traceID != root.context.traceID)
    }

    @Test func explicitParentWinsOverTheCurrentSpan() {
        let (provider, exporter) = TestTracing.provider()
        let tracer = provider.tracer("t")
        let other = tracer.startSpan("other", parent: .root)
        tracer.withSpan("current") { _ in
            tracer.startSpan("explicit", parent: .span(other)).end()
            tracer.startSpan("fresh", parent: .root).end()
        }
        other.end()
        provider.forceFlush()
        let byName = Dictionary(uniqueKeysWithValues: exporter.spans.map { ($0.name, $0) })
        #expect(byName["explicit"]?.parentSpanID == other.context.spanID)
        #expect(byName["fresh"]?.parentSpanID == nil)
    }

    @Test func remoteParentContinuesTheIncomingTrace() {
        let (provider, exporter) = TestTracing.provider()
        let tracer = provider.tracer("t")
        let incoming = ["TraceParent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "tracestate": "vendor=x"]
        let remote = tracer.extract(from: incoming)
        var outgoing: [String: String] = [:]
        TraceContext.withRemoteParent(remote) {
            tracer.withSpan("server", kind: .server) { span in
                tracer.inject(into: &outgoing)
                #expect(outgoing["traceparent"] == "00-4bf92f3577b34da6a3ce929d0e0e4736-\(span.context.spanID.hexString)-01")
                #expect(outgoing["tracestate"] == "vendor=x")
            }
        }
        provider.forceFlush()
        let server = exporter.spans[0]
        #expect(server.context.traceID.hexString == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(server.parentSpanID?.hexString == "00f067aa0ba902b7")
        #expect(server.parentIsRemote == true)
        #expect(server.otlpFlags == 769)
    }

    @Test func manyThreadsAndTasksNestSpansConcurrently() async {
        let (provider, exporter) = TestTracing.provider { $0.batch.maxQueueSize = 100_000 }
        let tracer = provider.tracer("t")
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            for j in 0..<50 {
                tracer.withSpan("t\(i)-\(j)") { _ in
                    tracer.withSpan("t\(i)-\(j)-child") { _ in }
                }
            }
        }
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<8 {
                group.addTask {
                    for j in 0..<50 {
                        await tracer.withSpan("a\(i)-\(j)") { _ in
                            await Task.yield()
                            await tracer.withSpan("a\(i)-\(j)-child") { _ in await Task.yield() }
                        }
                    }
                }
            }
        }
        #expect(provider.forceFlush(timeout: .seconds(10)))
        let spans = exporter.spans
        #expect(spans.count == 1600)
        #expect(Set(spans.map(\.context.spanID)).count == 1600)
        let byName = Dictionary(uniqueKeysWithValues: spans.map { ($0.name, $0) })
        for span in spans where span.name.hasSuffix("-child") {
            let parent = byName[String(span.name.dropLast(6))]
            #expect(span.parentSpanID == parent?.context.spanID)
            #expect(span.context.traceID == parent?.context.traceID)
        }
    }
}
