using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Profiles.Host.Realtime;
using Profiles.Host.Tests.Infrastructure;
using Profiles.Host.Tests.Ingest;

namespace Profiles.Host.Tests.Operations;

public sealed class OperationsEndpointsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly ProfilesApp _app = fixture.App;

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task HealthProbesAnswerWithoutAKeyOnceTheSiloIsActive(string path)
    {
        var response = await _app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/orleans/")]
    public async Task MetricsAndTheOrleansDashboardNeedAKey(string path)
    {
        var response = await _app.CreateClient().GetAsync(path);

        await IngestApiTests.AssertProblem(response, HttpStatusCode.Unauthorized, "API key");
    }

    [Theory]
    [InlineData("/metrics", TestKeys.Agent)]
    [InlineData("/metrics", TestKeys.Ops)]
    [InlineData("/orleans/", TestKeys.Agent)]
    [InlineData("/orleans/", TestKeys.Ops)]
    public async Task MetricsAndTheOrleansDashboardAreForAdminsOnly(string path, string key)
    {
        var response = await _app.ApiClient(key).GetAsync(path);

        await IngestApiTests.AssertProblem(response, HttpStatusCode.Forbidden, "role");
    }

    [Fact]
    public async Task AnAdminOpensTheOrleansDashboard()
    {
        var response = await _app.ApiClient(TestKeys.Admin).GetAsync("/orleans/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnAdminReadsPrometheusMetricsOfIngestPushesAndOrleans()
    {
        var customer = $"c-{Guid.NewGuid():N}";
        await using var hub = await _app.ConnectAsync(TestKeys.Ops);
        await hub.Connection.InvokeAsync(nameof(ProfilesHub.SubscribeAll));
        var messageId = Segment.NewId();
        var retried = Segment.Order(customer, "o-1", 20m, messageId);
        Assert.Equal(HttpStatusCode.OK, (await _app.WriteClient().PostBatchAsync(
            Segment.Order(customer, "o-1", 20m, messageId), retried, Segment.Order(customer, "o-2", -1m))).StatusCode);
        await hub.WaitForAsync(change => change.CustomerId == customer);

        // The exporter picks new instruments up asynchronously: poll rather than assume the first scrape has them.
        string text = "";
        string[] expected =
        [
            "profiles_ingest_accepted_total", "profiles_ingest_rejected_total", "profiles_ingest_duplicates_total", "profiles_class_changes_total{dimension=",
            "profiles_push_latency_bucket", "profiles_ingest_in_flight", "profiles_relay_queue_depth", "microsoft_orleans_",
        ];
        for (var attempt = 0; attempt < 50 && !expected.All(name => text.Contains(name, StringComparison.Ordinal)); attempt++)
        {
            if (attempt > 0) await Task.Delay(200);
            var response = await _app.ApiClient(TestKeys.Admin).GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            text = await response.Content.ReadAsStringAsync();
        }

        Assert.All(expected, name => Assert.True(text.Contains(name, StringComparison.Ordinal), $"{name} is not on /metrics:\n{text}"));
        Assert.Contains("# TYPE profiles_push_latency histogram", text, StringComparison.Ordinal);
    }
}
