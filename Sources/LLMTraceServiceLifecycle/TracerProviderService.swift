import Dispatch
import LLMTrace
import ServiceLifecycle

/// A `TracerProvider` as a ServiceLifecycle `Service`: it runs until the group shuts down
/// gracefully (SIGTERM, SIGINT, or `triggerGracefulShutdown()`) or is cancelled, then flushes
/// and shuts the provider down within `shutdownTimeout`, so that the spans of finished requests
/// are exported (or counted as lost) before the process exits.
///
/// Put it **first** in the group's services: a `ServiceGroup` shuts its services down in reverse
/// order, so the provider then stops after the app (a Hummingbird server, say) has finished its
/// last requests and ended their spans.
///
/// ```swift
/// let group = ServiceGroup(
///     services: [provider.service(), app],
///     gracefulShutdownSignals: [.sigterm, .sigint],
///     logger: logger
/// )
/// try await group.run()
/// ```
public struct TracerProviderService: Service {
    /// The provider this service shuts down.
    public let provider: TracerProvider
    /// Longest time the final flush may take.
    public var shutdownTimeout: Duration

    /// Creates the service.
    /// - Parameters:
    ///   - provider: The provider to shut down with the group.
    ///   - shutdownTimeout: Longest time the final flush may take. Default: 5 s.
    public init(provider: TracerProvider, shutdownTimeout: Duration = .seconds(5)) {
        self.provider = provider
        self.shutdownTimeout = shutdownTimeout
    }

    /// Waits for graceful shutdown or cancellation, then shuts the provider down. Returns once
    /// the provider has flushed or the timeout has passed; never throws.
    public func run() async throws {
        // Cancellation ends the wait with an error: the provider is shut down all the same.
        try? await gracefulShutdown()
        let provider = self.provider
        let timeout = shutdownTimeout
        // `shutdown` blocks its thread for up to the timeout: keep it off the cooperative pool.
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                _ = provider.shutdown(timeout: timeout)
                continuation.resume()
            }
        }
    }
}

extension TracerProvider {
    /// This provider as a ServiceLifecycle `Service` (see `TracerProviderService`).
    public func service(shutdownTimeout: Duration = .seconds(5)) -> TracerProviderService {
        TracerProviderService(provider: self, shutdownTimeout: shutdownTimeout)
    }
}
