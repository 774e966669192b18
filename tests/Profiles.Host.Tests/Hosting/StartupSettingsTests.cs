using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Hosting;

public sealed class StartupSettingsTests
{
    [Theory]
    [InlineData("Profiles:Storage:Provider", "AzureTable", "Profiles:Storage:ConnectionString")]
    [InlineData("Profiles:Storage:Provider", "Floppy", "Profiles:Storage:Provider")]
    [InlineData("Profiles:Clustering:Provider", "AzureTable", "Profiles:Clustering:ConnectionString")]
    [InlineData("Profiles:Clustering:GatewayPort", "70000", "Profiles:Clustering:GatewayPort")]
    [InlineData("Profiles:Rfm:WindowDays", "0", "Profiles:Rfm:WindowDays")]
    [InlineData("Profiles:Auth:ApiKeys:0:Role", "boss", "Profiles:Auth:ApiKeys:0:Role")]
    [InlineData("Profiles:Ingest:BaseCurrency", "XXX", "Profiles:Ingest:Currencies")]
    [InlineData("Profiles:Ingest:MaxQueueWait", "00:00:00", "Profiles:Ingest:MaxQueueWait")]
    [InlineData("Profiles:Ingest:BodyTimeout", "00:00:00", "Profiles:Ingest:BodyTimeout")]
    [InlineData("Profiles:Ingest:Quota:EventBurst", "100", "Profiles:Ingest:MaxBatchEvents")]
    [InlineData("Profiles:Ingest:Quota:EventsPerSecond", "0", "Profiles:Ingest:Quota:EventsPerSecond")]
    [InlineData("Profiles:Ingest:Quota:NewCustomersPerSecond", "0", "Profiles:Ingest:Quota:NewCustomersPerSecond")]
    [InlineData("Profiles:Ingest:Quota:NewCustomerBurst", "100", "Profiles:Ingest:MaxBatchEvents")]
    [InlineData("Profiles:Identity:AllowAliasOfKnownCustomers", "perhaps", "Profiles:Identity:AllowAliasOfKnownCustomers")]
    [InlineData("Profiles:Identity:ErasureLogInterval", "00:00:00", "Profiles:Identity:ErasureLogInterval")]
    [InlineData("Profiles:Storage:NetworkTimeout", "00:00:00", "Profiles:Storage:NetworkTimeout")]
    [InlineData("Profiles:Storage:MaxRetries", "-1", "Profiles:Storage:MaxRetries")]
    [InlineData("Profiles:Audiences:MaxPageSize", "0", "Profiles:Audiences:MaxPageSize")]
    [InlineData("Profiles:Audiences:SegmentRefreshInterval", "00:00:00", "Profiles:Audiences:SegmentRefreshInterval")]
    [InlineData("Profiles:Audiences:MaxSegments", "-1", "Profiles:Audiences:MaxSegments")]
    [InlineData("Profiles:Predictions:TimeUnitDays", "0", "Profiles:Predictions:TimeUnitDays")]
    [InlineData("Profiles:Predictions:RefitInterval", "00:00:00", "Profiles:Predictions:RefitInterval")]
    [InlineData("Profiles:Predictions:HighChurnRiskBelow", "0.9", "Profiles:Predictions:MediumChurnRiskBelow")]
    [InlineData("Profiles:Predictions:ClvHorizonMonths", "0", "Profiles:Predictions:ClvHorizonMonths")]
    [InlineData("Profiles:Clusters:MaxClusters", "1", "Profiles:Clusters:MaxClusters")]
    [InlineData("Profiles:Realtime:FlushInterval", "-00:00:01", "Profiles:Realtime:FlushInterval")]
    [InlineData("Profiles:Realtime:MaxBatchSize", "0", "Profiles:Realtime:MaxBatchSize")]
    [InlineData("Profiles:Realtime:QueueCapacity", "0", "Profiles:Realtime:QueueCapacity")]
    [InlineData("Profiles:Realtime:ObserverRefreshInterval", "00:00:00", "Profiles:Realtime:ObserverRefreshInterval")]
    [InlineData("Profiles:Realtime:DeliveryTimeout", "00:00:00", "Profiles:Realtime:DeliveryTimeout")]
    [InlineData("Profiles:Realtime:MaxBatchSize", "many", "Profiles:Realtime:MaxBatchSize")]
    [InlineData("Profiles:Playbook:Path", " ", "Profiles:Playbook:Path")]
    [InlineData("Profiles:Statistics:FlushInterval", "00:00:00", "Profiles:Statistics:FlushInterval")]
    [InlineData("Profiles:Webhooks:Endpoints:0:Url", "http://example.test/hook", "Profiles:Webhooks:Endpoints:0:Secret")]
    [InlineData("Profiles:Operations:ShutdownTimeout", "00:00:00", "Profiles:Operations:ShutdownTimeout")]
    [InlineData("Profiles:Ingest:MaxBatchEvents", "0", "Profiles:Ingest:MaxBatchEvents")]
    public async Task AMissingOrInvalidSettingStopsTheStartNamingIt(string key, string value, string named)
    {
        await using var app = new ProfilesApp(settings: new Dictionary<string, string?> { [key] = value });
        var error = Record.Exception(() => app.BaseAddress);
        Assert.NotNull(error);
        var messages = string.Join(" | ", Chain(error));
        Assert.Contains(named, messages, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Chain(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            yield return error.Message;
            if (error is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions) yield return inner.Message;
            }
        }
    }
}
