using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Profiles.Domain.Profiles;
using Profiles.Grains.Customers;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Reliability;

/// <summary>
/// Every stored record has a bound, and input that drives a record to it leaves the service working: driven through the
/// public API, on Azure Table storage (Azurite), where a row holds at most ~1 MB.
/// </summary>
public sealed class StoredRecordBoundsTests(AzureTableAppFixture fixture) : IClassFixture<AzureTableAppFixture>
{
    private readonly HttpClient _writer = fixture.App.WriteClient();
    private readonly HttpClient _agent = fixture.App.ApiClient(TestKeys.Agent);

    [Fact]
    public async Task MadeUpTraitNamesStopAtTheTraitBoundAndTheCustomerKeepsWorking()
    {
        var customer = $"traits-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.OK, (await _writer.PostBatchAsync(Segment.Identify(customer, new JsonObject { ["plan"] = "trial" }))).StatusCode);

        // 12 batches of 15 identify calls of 25 long, never-seen trait names each: 4,500 names, ~4.5 MB of values.
        var value = new string('x', 1000);
        for (var batch = 0; batch < 12; batch++)
        {
            var calls = Enumerable.Range(0, 15).Select(call =>
            {
                var traits = new JsonObject();
                for (var i = 0; i < 25; i++) traits[$"made-up-{batch}-{call}-{i}-{Guid.NewGuid():N}"] = value;
                return Segment.Identify(customer, traits);
            }).ToArray();
            var answer = await _writer.PostBatchAsync(calls);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"batch {batch}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        }

        // Still working: a known trait takes its new value, an order counts, and the profile reads.
        Assert.Equal(HttpStatusCode.OK, (await _writer.PostBatchAsync(
            Segment.Identify(customer, new JsonObject { ["plan"] = "pro" }),
            Segment.Order(customer, "o-1", 42m))).StatusCode);
        var profile = (await _agent.GetFromJsonAsync<JsonObject>($"/api/customers/{customer}"))!;
        var traits = profile["traits"]!.AsObject();
        Assert.Equal(CustomerProfile.TraitCapacity, traits.Count);
        Assert.Equal("pro", (string)traits["plan"]!);
        Assert.Equal(1, (int)profile["frequency"]!);
    }

    [Fact]
    public async Task AnAddressChangedOnEveryCallIsRememberedUpToTheBoundAndTheLatestIsFound()
    {
        var customer = $"emails-{Guid.NewGuid():N}";
        var addresses = Enumerable.Range(0, 40).Select(i => $"{customer}-{i}@example.com".ToLowerInvariant()).ToList();
        foreach (var address in addresses)
        {
            Assert.Equal(HttpStatusCode.OK, (await _writer.PostBatchAsync(Segment.Identify(customer, new JsonObject { ["email"] = address }))).StatusCode);
        }

        var export = (await fixture.App.ApiClient(TestKeys.Admin).GetFromJsonAsync<JsonObject>($"/api/customers/{customer}/export"))!;
        var remembered = export["profile"]!["emailAddresses"]!.AsArray().Select(a => (string)a!).ToList();
        Assert.InRange(remembered.Count, 1, CustomerGrain.EmailAddressCapacity);
        Assert.Contains(addresses[^1], remembered);

        // The current address finds the customer; one let go of finds nobody (it was withdrawn, not left behind).
        var found = await _agent.GetAsync($"/api/customers?email={Uri.EscapeDataString(addresses[^1])}");
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _agent.GetAsync($"/api/customers?email={Uri.EscapeDataString(addresses[0])}")).StatusCode);
    }

    [Fact]
    public async Task FreeTextCountriesAddNoKeysToTheStatisticsRow()
    {
        var prefix = $"country-{Guid.NewGuid():N}"[..16];
        for (var batch = 0; batch < 4; batch++)
        {
            var calls = Enumerable.Range(0, 250).Select(i => Segment.Identify($"{prefix}-{batch}-{i}",
                new JsonObject { ["address"] = new JsonObject { ["country"] = $"Fakeland {prefix} {batch} {i}" } })).ToArray();
            Assert.Equal(HttpStatusCode.OK, (await _writer.PostBatchAsync(calls)).StatusCode);
        }

        var ops = fixture.App.ApiClient(TestKeys.Ops);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        JsonObject geography;
        do
        {
            var stats = (await ops.GetFromJsonAsync<JsonObject>("/api/stats/classes", CancellationToken.None))!;
            geography = stats["classes"]!["geography"]!.AsObject();
            if ((geography["other"]?.GetValue<long>() ?? 0) >= 1000) break;
            await Task.Delay(50, CancellationToken.None);
        }
        while (!deadline.IsCancellationRequested);

        Assert.True((geography["other"]?.GetValue<long>() ?? 0) >= 1000, geography.ToJsonString());
        Assert.DoesNotContain(geography, c => c.Key.Contains("fakeland", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("other", (string)(await _agent.GetFromJsonAsync<JsonObject>($"/api/customers/{prefix}-0-0"))!["classes"]!["geography"]!["value"]!);
    }
}
