using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Profiles.Domain.Profiles;
using Profiles.Host.Tests.Infrastructure;
using Profiles.Testing.Azurite;
using Xunit.Abstractions;

namespace Profiles.Host.Tests.Reliability;

/// <summary>
/// Azure Table storage (Azurite, persisted to disk) stops while senders stream batches and retry them with the same
/// message ids, then starts again on the same port and data. The host keeps both its grain state and its cluster
/// membership there.
/// </summary>
public sealed class StorageOutageTests(ITestOutputHelper output)
{
    private const int Senders = 4;
    private const int Customers = 12;
    private const int OrdersPerBatch = 4;

    /// <summary>The most orders a profile keeps one by one before it archives the oldest (a quarter above the capacity).</summary>
    private const int KeptAtMost = CustomerProfile.OrderCapacity + CustomerProfile.OrderCapacity / 4;

    /// <summary>
    /// How long storage stays down. Membership refreshes and I-am-alive writes are set to every 2 s below, so the silo
    /// meets the dead membership table about ten times; Orleans only logs those failures and retries (a silo stops
    /// itself only when it reads that it was declared dead, which nobody can write while the table is down).
    /// </summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(20);

    /// <summary>Far above the storage client's worst case (about 21 s); a request hanging on SDK retries for minutes fails.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan ConditionTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task DuringAStorageOutageEveryAnswerIs200Or503WithRetryAfterAndAfterwardsEveryProfileHoldsExactlyTheAcknowledgedEvents()
    {
        await using var azurite = await AzuriteInstance.StartAsync(new AzuriteOptions { PersistToDisk = true });
        await using var app = new ProfilesApp(settings: new Dictionary<string, string?>
        {
            ["Profiles:Storage:Provider"] = "AzureTable",
            ["Profiles:Storage:ConnectionString"] = azurite.ConnectionString,
            ["Profiles:Clustering:Provider"] = "AzureTable",
            ["Profiles:Clustering:ConnectionString"] = azurite.ConnectionString,
            ["Profiles:Clustering:AdvertisedIPAddress"] = "127.0.0.1",
            ["Profiles:Clustering:ServiceId"] = $"outage-{Guid.NewGuid():N}",
            ["Profiles:Clustering:Membership:TableRefreshTimeout"] = "00:00:02",
            ["Profiles:Clustering:Membership:IAmAliveTablePublishTimeout"] = "00:00:02",
        });
        var baseAddress = app.BaseAddress;
        var membership = app.Services.GetRequiredService<IClusterMembershipService>();
        var silo = app.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = RequestTimeout };
        using var reader = app.ApiClient(TestKeys.Agent);

        var run = Stopwatch.StartNew();
        var traffic = new Traffic(run);
        using var stopSending = new CancellationTokenSource();
        var runId = Guid.NewGuid().ToString("N")[..8];
        var senders = Enumerable.Range(0, Senders).Select(s => SendUntilStoppedAsync(http, traffic, runId, s, stopSending.Token)).ToArray();

        await EventuallyAsync(() => Task.FromResult(traffic.AcknowledgedBatches(since: TimeSpan.Zero) >= 10), "ingest to acknowledge batches before the outage");

        // Outage.
        await azurite.StopAsync();
        var down = run.Elapsed;
        await EventuallyAsync(() => Task.FromResult(traffic.Unavailable(since: down) >= Senders), "senders to get 503s during the outage");
        await EventuallyAsync(async () => (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.ServiceUnavailable, "/health/ready to report not ready");
        var notReady = await http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.NotNull(notReady.Headers.RetryAfter);

        // A profile that is not in memory cannot be loaded: 503 (never 404, which would claim it does not exist).
        var unloadable = await reader.GetAsync($"/api/customers/never-seen-{runId}");
        await AssertUnavailableAsync(unloadable);

        // An erasure that cannot reach storage erases nothing and says so (503, never 500), without storage's own words.
        using (var admin = app.ApiClient(TestKeys.Admin))
        {
            await AssertUnavailableAsync(await admin.DeleteAsync($"/api/customers/{runId}-c0"));
        }

        // The silo stays in the cluster for the whole outage, although its membership table is gone too.
        using (var sampling = new PeriodicTimer(TimeSpan.FromMilliseconds(250)))
        {
            while (run.Elapsed - down < Outage && await sampling.WaitForNextTickAsync())
            {
                Assert.Equal(SiloStatus.Active, membership.CurrentSnapshot.GetSiloStatus(silo));
                Assert.False(lifetime.ApplicationStopping.IsCancellationRequested, "the host began to stop during the storage outage");
            }
        }

        // Storage is back on the same port with the same data: ingestion resumes by itself.
        await azurite.StartAsync();
        var up = run.Elapsed;
        var upAtUtc = DateTimeOffset.UtcNow;
        await EventuallyAsync(async () => (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, "/health/ready to report ready again");
        await EventuallyAsync(() => Task.FromResult(traffic.AcknowledgedBatches(since: up) >= 10), "ingest to acknowledge batches after the outage");
        var table = app.Services.GetRequiredService<IMembershipTable>();
        await EventuallyAsync(async () => (await table.ReadAllAsync()).Members.Any(m =>
            m.Item1.SiloAddress.Equals(silo) && m.Item1.Status == SiloStatus.Active && m.Item1.IAmAliveTime > upAtUtc.UtcDateTime),
            "the silo to write its I-am-alive to the membership table again");
        Assert.Equal(SiloStatus.Active, membership.CurrentSnapshot.GetSiloStatus(silo));

        await stopSending.CancelAsync();
        await Task.WhenAll(senders);

        var answers = traffic.Answers;
        var outcomes = answers.GroupBy(a => a.Status).Select(g => $"{(int)g.Key} × {g.Count()}");
        output.WriteLine($"{answers.Count} ingest answers ({string.Join(", ", outcomes)}); storage down {down.TotalSeconds:0.0}–{up.TotalSeconds:0.0} s.");
        output.WriteLine($"Latency of all answers: {Latencies.Summary(answers.Select(a => a.Took))}; " +
            $"of the 503s: {Latencies.Summary(answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable).Select(a => a.Took))}.");

        Assert.Empty(traffic.Failures);
        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"answer {(int)a.Status} at {a.At}"));
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable), a =>
            Assert.True(a.RetryAfter && a.Problem, $"a 503 at {a.At} without Retry-After or a problem body"));

        // Every profile is exactly what the 200s acknowledged: no acknowledged order lost, none counted twice.
        var expected = traffic.AcknowledgedOrders.GroupBy(o => o.Customer)
            .ToDictionary(g => g.Key, g => (Orders: g.Count(), Revenue: g.Sum(o => o.Revenue)));
        Assert.Equal(traffic.SentOrders, traffic.AcknowledgedOrders.Count);
        foreach (var (customer, want) in expected)
        {
            var profile = (await reader.GetFromJsonAsync<JsonObject>($"/api/customers/{customer}"))!;
            Assert.Equal((customer, want.Orders, want.Revenue, (long)want.Orders), (customer,
                profile["orders"]!["lifetime"]!.GetValue<int>(), profile["orders"]!["lifetimeRevenue"]!.GetValue<decimal>(), profile["eventsApplied"]!.GetValue<long>()));
            // The RFM window counts the orders a profile keeps one by one: all of them up to a quarter above the capacity;
            // past that the oldest are archived down to the capacity (still counted in the lifetime figures above), so a
            // fast run that sends one customer more than that sees between capacity and capacity + a quarter in the window.
            if (want.Orders <= KeptAtMost)
            {
                Assert.Equal(want.Orders, profile["frequency"]!.GetValue<int>());
                Assert.Equal(want.Revenue, profile["monetary"]!.GetValue<decimal>());
            }
            else
            {
                Assert.InRange(profile["frequency"]!.GetValue<int>(), CustomerProfile.OrderCapacity, KeptAtMost);
                Assert.InRange(profile["monetary"]!.GetValue<decimal>(), 0m, want.Revenue);
            }
        }
    }

    /// <summary>
    /// One sender: batches of orders for the shared customers, each sent until it is acknowledged — on a 503 the same
    /// body again (same message ids) — and a new batch only while not stopped.
    /// </summary>
    private static async Task SendUntilStoppedAsync(HttpClient http, Traffic traffic, string runId, int sender, CancellationToken stop)
    {
        var random = new Random(sender);
        var auth = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(TestKeys.Write + ":")));
        using var retryPace = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        for (var number = 0; !stop.IsCancellationRequested; number++)
        {
            var orders = Enumerable.Range(0, OrdersPerBatch).Select(i => new SentOrder(
                $"{runId}-c{random.Next(Customers)}", $"{runId}-s{sender}-b{number}-o{i}", random.Next(100, 50_000) / 100m)).ToArray();
            var body = Segment.Batch([.. orders.Select(o => Segment.Order(o.Customer, o.MessageId, o.Revenue, o.MessageId))]).ToJsonString();
            traffic.Sent(orders.Length);
            var giveUpAt = Stopwatch.StartNew();
            while (true)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/batch") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Authorization = auth;
                var started = Stopwatch.StartNew();
                try
                {
                    using var response = await http.SendAsync(request, CancellationToken.None);
                    var text = await response.Content.ReadAsStringAsync(CancellationToken.None);
                    var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json" &&
                        JsonNode.Parse(text)?["status"]?.GetValue<int>() == (int)response.StatusCode;
                    traffic.Answered(new Answer(traffic.Now, response.StatusCode, started.Elapsed, response.Headers.RetryAfter is not null, problem));
                    if (response.StatusCode != HttpStatusCode.OK && LeaksStorageDetail(text) is { } leak) traffic.Failed($"{(int)response.StatusCode} shows storage detail '{leak}': {text}");
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        var answer = JsonNode.Parse(text)!;
                        if (answer["accepted"]!.GetValue<int>() != orders.Length) traffic.Failed($"not accepted whole: {text}");
                        traffic.Acknowledged(orders);
                        break;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    traffic.Failed($"{e.GetType().Name} after {started.Elapsed}: {e.Message}");
                }

                if (giveUpAt.Elapsed > ConditionTimeout * 2)
                {
                    traffic.Failed($"batch {number} of sender {sender} was never acknowledged");
                    return;
                }
                await retryPace.WaitForNextTickAsync(CancellationToken.None);
            }
        }
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(503, (int)problem["status"]!);
        Assert.True(LeaksStorageDetail(text) is null, $"the 503 tells the client about storage: {LeaksStorageDetail(text)} in {text}");
    }

    /// <summary>What of a storage exception's own text an answer shows (its endpoint, status line, error code, type), or null.</summary>
    private static string? LeaksStorageDetail(string body) =>
        new[] { "127.0.0.1", "localhost", "Status:", "ErrorCode", "Exception", "Azure", "devstoreaccount", "Connection refused", "Retry failed" }
            .FirstOrDefault(marker => body.Contains(marker, StringComparison.OrdinalIgnoreCase));

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < ConditionTimeout, $"Timed out waiting for {what}.");
            await pace.WaitForNextTickAsync();
        }
    }

    private sealed record SentOrder(string Customer, string MessageId, decimal Revenue);

    private sealed record Answer(TimeSpan At, HttpStatusCode Status, TimeSpan Took, bool RetryAfter, bool Problem);

    /// <summary>What the senders saw, shared between them.</summary>
    private sealed class Traffic(Stopwatch run)
    {
        private readonly ConcurrentQueue<Answer> _answers = new();
        private readonly ConcurrentQueue<string> _failures = new();
        private readonly ConcurrentQueue<SentOrder> _acknowledged = new();
        private readonly ConcurrentQueue<TimeSpan> _acknowledgedAt = new();
        private int _sent;

        public TimeSpan Now => run.Elapsed;

        public IReadOnlyList<Answer> Answers => [.. _answers];

        public IReadOnlyList<string> Failures => [.. _failures];

        public IReadOnlyList<SentOrder> AcknowledgedOrders => [.. _acknowledged];

        public int SentOrders => Volatile.Read(ref _sent);

        public void Sent(int orders) => Interlocked.Add(ref _sent, orders);

        public void Answered(Answer answer) => _answers.Enqueue(answer);

        public void Failed(string failure) => _failures.Enqueue(failure);

        public void Acknowledged(IEnumerable<SentOrder> orders)
        {
            foreach (var order in orders) _acknowledged.Enqueue(order);
            _acknowledgedAt.Enqueue(run.Elapsed);
        }

        public int AcknowledgedBatches(TimeSpan since) => _acknowledgedAt.Count(at => at >= since);

        public int Unavailable(TimeSpan since) => _answers.Count(a => a.At >= since && a.Status == HttpStatusCode.ServiceUnavailable);
    }
}
