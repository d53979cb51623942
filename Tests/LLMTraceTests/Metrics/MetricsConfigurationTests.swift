import Testing
import LLMTrace

@Suite struct MetricsConfigurationTests {
    @Test func aggregationIsOnWithAnExporterOrABudget() {
        var configuration = MetricsConfiguration()
        #expect(configuration.isEnabled)
        #expect(configuration.otlp.endpoint == "http://localhost:4318/v1/metrics")
        configuration.exporters = []
        #expect(!configuration.isEnabled)
        configuration.costBudgetUSDPerHour = 1
        #expect(configuration.isEnabled)
    }
}
