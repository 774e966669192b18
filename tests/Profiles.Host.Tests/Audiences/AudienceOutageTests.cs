using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Profiles.Host.Tests.Infrastructure;
using Profiles.Testing.Azurite;

namespace Profiles.Host.Tests.Audiences;

/// <summary>
/// Azure Table storage (Azurite, persisted to disk) stops while customers keep moving between classes, and starts again:
/// writes of customers and of index shards fail meanwhile. Once the senders stop, the member lists come to hold exactly
/// each customer's last acknowledged class, without anyone touching the customers (their recovery wake-ups hand over what
/// the failed shard writes lost).
/// </summary>
public sealed class AudienceOutageTests
{
    private const int Customers = 8;

    [Fact]
    public async Task AfterAStorageOutageTheListsHoldExactlyEachCustomersLastAcknowledgedClass()
    {
        await using var azurite = await AzuriteInstance.StartAsync(new AzuriteOptions { PersistToDisk = true });
        await using var app = new ProfilesApp(settings: new Dictionary<string, string?>
        {
            ["Profiles:Storage:Provider"] = "AzureTable",
            ["Profiles:Storage:ConnectionString"] = azurite.ConnectionString,
            ["Profiles:Clustering:ServiceId"] = $"audience-outage-{Guid.NewGuid():N}",
        });
        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = app.WriteClient().DefaultRequestHeaders.Authorization;
        var run = Guid.NewGuid().ToString("N")[..8];
        var customers = Enumerable.Range(0, Customers).Select(i => $"mover-{run}-{i}").ToList();
        // The last NPS answer each customer had acknowledged: its NPS class.
        var last = new int[Customers];
        var rounds = 0;
        using var stop = new CancellationTokenSource();
        var unavailable = 0;
        var unexpected = new System.Collections.Concurrent.ConcurrentBag<string>();

        async Task SendRoundsAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                var round = rounds;
                await Task.WhenAll(customers.Select(async (customer, i) =>
                {
                    var nps = (round + i) % 2 == 0 ? 10 : 0;
                    var batch = Segment.Batch(Segment.Survey(customer, nps: nps, messageId: $"{customer}-{round}"));
                    // Retried as it was until acknowledged (a 503 kept nothing; a lost answer's retry is a duplicate).
                    while (true)
                    {
                        try
                        {
                            using var response = await http.PostAsJsonAsync("/v1/batch", batch);
                            if (response.StatusCode == HttpStatusCode.OK) break;
                            if (response.StatusCode != HttpStatusCode.ServiceUnavailable) unexpected.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                            Interlocked.Increment(ref unavailable);
                        }
                        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                        {
                            Interlocked.Increment(ref unavailable);
                        }
                        await Task.Delay(100);
                    }
                    last[i] = nps;
                }));
                rounds++;
            }
        }

        var sending = SendRoundsAsync();
        await AudienceCalls.EventuallyAsync(() => Task.FromResult(rounds >= 5), "five rounds acknowledged");
        await azurite.StopAsync();
        await AudienceCalls.EventuallyAsync(() => Task.FromResult(Volatile.Read(ref unavailable) >= Customers || sending.IsCompleted),
            "the senders meet the outage", TimeSpan.FromSeconds(60));
        Assert.False(sending.IsFaulted, sending.Exception?.ToString());
        await Task.Delay(TimeSpan.FromSeconds(5));
        await azurite.StartAsync();
        var after = rounds;
        await AudienceCalls.EventuallyAsync(() => Task.FromResult(rounds >= after + 3), "three rounds acknowledged after the outage", TimeSpan.FromSeconds(90));
        await stop.CancelAsync();
        await sending;

        // Nobody reads the customers: the lists must come right by themselves.
        var ops = app.ApiClient(TestKeys.Ops);
        var promoters = customers.Where((_, i) => last[i] == 10).ToHashSet();
        var detractors = customers.Where((_, i) => last[i] == 0).ToHashSet();
        await AudienceCalls.EventuallyAsync(async () =>
            (await ops.AllPagesAsync("nps", "promoter", 100, strict: false)).Ids.Where(id => id.Contains(run, StringComparison.Ordinal)).ToHashSet().SetEquals(promoters) &&
            (await ops.AllPagesAsync("nps", "detractor", 100, strict: false)).Ids.Where(id => id.Contains(run, StringComparison.Ordinal)).ToHashSet().SetEquals(detractors),
            "the lists hold each customer's last acknowledged class", TimeSpan.FromSeconds(150));

        // And that is what each profile reports.
        var agent = app.ApiClient(TestKeys.Agent);
        for (var i = 0; i < Customers; i++)
        {
            var profile = await agent.GetFromJsonAsync<JsonObject>(new Uri($"/api/customers/{customers[i]}", UriKind.Relative));
            Assert.Equal(last[i] == 10 ? "promoter" : "detractor", (string)profile!["nps"]!);
        }
        Assert.True(unavailable > 0);
        Assert.Empty(unexpected);
    }
}
