using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Statistics;

public sealed class StatsApiTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static Dictionary<string, string?> Fast(string mode = "Fixed") => new()
    {
        ["Profiles:Rfm:Breakpoints:Mode"] = mode,
        ["Profiles:Statistics:FlushInterval"] = "00:00:00.200",
        ["Profiles:Statistics:BreakpointsRefreshInterval"] = "00:00:00.200",
    };

    [Theory]
    [InlineData("/api/stats/classes")]
    [InlineData("/api/stats/breakpoints")]
    [InlineData("/api/stats/models")]
    public async Task StatisticsAreForOpsAndAdminNotForAgentsNorWithoutAKey(string path)
    {
        await using var app = new ProfilesApp(settings: Fast());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ApiClient(TestKeys.Agent).GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.ApiClient(TestKeys.Ops).GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.ApiClient(TestKeys.Admin).GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task AfterALoadStopsTheClassCountsEqualARecountOfEveryProfile()
    {
        await using var app = new ProfilesApp(settings: Fast());
        var writer = app.WriteClient();
        var random = new Random(11);
        var now = DateTimeOffset.UtcNow;
        var customers = Enumerable.Range(0, 300).Select(i => $"recount-{i}").ToList();
        var calls = new List<JsonObject>();
        foreach (var customer in customers)
        {
            for (var o = random.Next(0, 5); o > 0; o--)
                calls.Add(Segment.Order(customer, Segment.NewId(), random.Next(5, 900), at: now.AddDays(-random.Next(0, 400))));
            if (random.Next(3) == 0) calls.Add(Segment.Survey(customer, csat: random.Next(1, 6), nps: random.Next(0, 11)));
            if (random.Next(4) == 0) calls.Add(Segment.Page(customer, "home"));
        }
        customers = [.. customers.Where(c => calls.Any(call => call["userId"]!.GetValue<string>() == c))];
        await Task.WhenAll(calls.Chunk(200).Select(async chunk =>
            (await writer.PostBatchAsync(chunk)).EnsureSuccessStatusCode()));

        // The recount reads every profile (which also brings time-driven classes up to date, as any touch does).
        var agent = app.ApiClient(TestKeys.Agent);
        var recount = new SortedDictionary<string, SortedDictionary<string, long>>(StringComparer.Ordinal);
        foreach (var customer in customers)
        {
            var profile = await agent.GetFromJsonAsync<JsonObject>(new Uri($"/api/customers/{customer}", UriKind.Relative));
            foreach (var (dimension, state) in profile!["classes"]!.AsObject())
            {
                var counts = recount.TryGetValue(dimension, out var c) ? c : recount[dimension] = new(StringComparer.Ordinal);
                var value = state!["value"]!.GetValue<string>();
                counts[value] = counts.GetValueOrDefault(value) + 1;
            }
        }

        var ops = app.ApiClient(TestKeys.Ops);
        var (stats, classes) = await PollAsync(ops, s => s["customers"]!.GetValue<long>() == customers.Count && Same(recount, Classes(s)));
        Assert.Equal(customers.Count, stats["customers"]!.GetValue<long>());
        Assert.Equal(recount, classes);
        Assert.Equal(0, stats["breakpointsVersion"]!.GetValue<long>());
    }

    [Fact]
    public async Task InPopulationModeTheBreakpointsVersionIncreasesWhenThePopulationChanges()
    {
        await using var app = new ProfilesApp(settings: Fast("Population"));
        var writer = app.WriteClient();
        var ops = app.ApiClient(TestKeys.Ops);
        var now = DateTimeOffset.UtcNow;

        (await writer.PostBatchAsync([.. Enumerable.Range(0, 50).Select(i =>
            Segment.Order($"small-{i}", Segment.NewId(), 10 + i, at: now.AddDays(-i)))])).EnsureSuccessStatusCode();
        var first = await PollBreakpointsAsync(ops, b => b["version"]!.GetValue<long>() >= 1 && b["customers"]!.GetValue<long>() == 50);
        Assert.Equal("Population", first["mode"]!.GetValue<string>());
        Assert.Equal(4, first["monetary"]!.AsArray().Count);
        var firstVersion = first["version"]!.GetValue<long>();
        var firstTopM = first["monetary"]![3]!.GetValue<double>();

        (await writer.PostBatchAsync([.. Enumerable.Range(0, 100).Select(i =>
            Segment.Order($"large-{i}", Segment.NewId(), 5000 + i, at: now.AddDays(-i)))])).EnsureSuccessStatusCode();
        var second = await PollBreakpointsAsync(ops, b => b["customers"]!.GetValue<long>() == 150);
        Assert.True(second["version"]!.GetValue<long>() > firstVersion);
        Assert.True(second["monetary"]![3]!.GetValue<double>() > firstTopM);
        Assert.Equal("above", second["value"]!["comparison"]!.GetValue<string>());

        // Counts follow the published version at once: every customer is in some segment and tier.
        var (stats, classes) = await PollAsync(ops, s => s["customers"]!.GetValue<long>() == 150);
        Assert.True(stats["breakpointsVersion"]!.GetValue<long>() >= second["version"]!.GetValue<long>());
        Assert.Equal(150, classes["rfm"].Values.Sum());
        Assert.Equal(150, classes["value"].Values.Sum());
    }

    private static async Task<JsonObject> PollBreakpointsAsync(HttpClient ops, Func<JsonObject, bool> done)
    {
        using var cancel = new CancellationTokenSource(Timeout);
        while (true)
        {
            var breakpoints = await ops.GetFromJsonAsync<JsonObject>(new Uri("/api/stats/breakpoints", UriKind.Relative), cancel.Token);
            if (done(breakpoints!)) return breakpoints!;
            await Task.Delay(100, cancel.Token);
        }
    }

    private static async Task<(JsonObject Stats, SortedDictionary<string, SortedDictionary<string, long>> Classes)> PollAsync(
        HttpClient ops, Func<JsonObject, bool> done)
    {
        using var cancel = new CancellationTokenSource(Timeout);
        JsonObject? stats = null;
        try
        {
            while (true)
            {
                stats = await ops.GetFromJsonAsync<JsonObject>(new Uri("/api/stats/classes", UriKind.Relative), cancel.Token);
                if (done(stats!)) return (stats!, Classes(stats!));
                await Task.Delay(100, cancel.Token);
            }
        }
        catch (OperationCanceledException) when (stats is not null)
        {
            return (stats, Classes(stats));
        }
    }

    private static SortedDictionary<string, SortedDictionary<string, long>> Classes(JsonObject stats) =>
        new(stats["classes"]!.AsObject().ToDictionary(
            d => d.Key,
            d => new SortedDictionary<string, long>(d.Value!.AsObject().ToDictionary(v => v.Key, v => v.Value!.GetValue<long>()), StringComparer.Ordinal)),
            StringComparer.Ordinal);

    private static bool Same(SortedDictionary<string, SortedDictionary<string, long>> a, SortedDictionary<string, SortedDictionary<string, long>> b) =>
        a.Count == b.Count && a.All(d => b.TryGetValue(d.Key, out var other) && d.Value.SequenceEqual(other));
}
