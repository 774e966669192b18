using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Profiles.Domain.Audiences;
using Profiles.Host.Tests.Infrastructure;
using Profiles.Testing.Azurite;

namespace Profiles.Host.Tests.Audiences;

/// <summary>
/// The membership index and the segment backfills on Azure Table storage (Azurite), across restarts: a shard larger than a
/// row spills into pages, and a backfill goes on from its stored cursor.
/// </summary>
public sealed class AudienceStorageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private Dictionary<string, string?> Settings(string serviceId, IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Profiles:Storage:Provider"] = "AzureTable",
            ["Profiles:Storage:ConnectionString"] = azurite.ConnectionString,
            ["Profiles:Clustering:ServiceId"] = serviceId,
            ["Profiles:Audiences:SegmentRefreshInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>()) settings[key] = value;
        return settings;
    }

    [Fact]
    public async Task AShardOfMoreMembersThanOneRowHoldsKeepsEveryOneInRowsWithinTheLimitAcrossARestart()
    {
        var serviceId = $"audience-pages-{Guid.NewGuid():N}";
        // 1,500 of the longest ids (two bytes a character), all of one shard: about 800 KB of members, more than a page holds,
        // changed far past the log's bound.
        var customers = Enumerable.Range(0, 100_000).Select(i => $"{i:D6}-" + new string('é', 249))
            .Where(id => AudienceShards.Of(id) == 5).Take(1500).ToList();
        await using (var app = new ProfilesApp(settings: Settings(serviceId)))
        {
            foreach (var chunk in customers.Chunk(250))
                await SendAllAsync(app, [.. chunk.Select(c => Segment.Order(c, "o-1", 30m))]);
            var ops = app.ApiClient(TestKeys.Ops);
            await AudienceCalls.EventuallyAsync(async () => (long)(await ops.PageAsync("value", "C"))["count"]! == customers.Count, "every customer listed");
            // A third of them move, so the shard writes its log and its pages again.
            foreach (var chunk in customers.Where((_, i) => i % 3 == 0).Chunk(250))
                await SendAllAsync(app, [.. chunk.Select(c => Segment.Order(c, "o-2", 2000m))]);
            await AudienceCalls.EventuallyAsync(async () => (long)(await ops.PageAsync("value", "A"))["count"]! == 500, "the movers listed");
        }

        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient("OrleansGrainState");
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey.CompareTo(serviceId) > 0 && e.PartitionKey.CompareTo(serviceId + "~") < 0))
        {
            if (row.PartitionKey.Contains("audienceshard", StringComparison.OrdinalIgnoreCase)) rows.Add(row);
        }
        Assert.Contains(rows, r => r.RowKey == "audience");
        Assert.True(rows.Count(r => r.RowKey.StartsWith("members.", StringComparison.Ordinal)) >= 2,
            string.Join(", ", rows.Select(r => $"{r.PartitionKey}/{r.RowKey}")));
        Assert.All(rows, r => Assert.True(r.Keys.Count(k => k.StartsWith("Data", StringComparison.Ordinal)) <= 8, $"{r.RowKey} holds more than half a row"));

        // A new host reads the pages and the log back: every customer in its class.
        await using (var app = new ProfilesApp(settings: Settings(serviceId)))
        {
            var ops = app.ApiClient(TestKeys.Ops);
            var a = (await ops.AllPagesAsync("value", "A", 1000)).Ids;
            var c = (await ops.AllPagesAsync("value", "C", 1000)).Ids;
            Assert.Equal(customers.Where((_, i) => i % 3 == 0).ToHashSet(), a.ToHashSet());
            Assert.Equal(customers.Where((_, i) => i % 3 != 0).ToHashSet(), c.ToHashSet());
        }
    }

    private static async Task SendAllAsync(ProfilesApp app, JsonObject[] calls)
    {
        using var response = await app.WriteClient().PostBatchAsync(calls);
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(calls.Length, (int)answer["accepted"]!);
    }

    [Fact]
    public async Task ABackfillStoppedByARestartGoesOnFromItsStoredCursorAndFinishes()
    {
        var serviceId = $"backfill-restart-{Guid.NewGuid():N}";
        // Small pages, one customer at a time: slow enough to be caught part-way.
        var settings = Settings(serviceId, new Dictionary<string, string?>
        {
            ["Profiles:Audiences:BackfillPageSize"] = "5",
            ["Profiles:Audiences:BackfillConcurrency"] = "1",
        });
        var run = Guid.NewGuid().ToString("N")[..8];
        var customers = Enumerable.Range(0, 400).ToDictionary(i => $"walked-{run}-{i:D3}", i => 10m * (i % 20));
        long walkedBefore;
        await using (var app = new ProfilesApp(settings: settings))
        {
            (await app.WriteClient().PostBatchAsync([.. customers.Select(c => Segment.Order(c.Key, "o-1", c.Value + 1))])).EnsureSuccessStatusCode();
            var ops = app.ApiClient(TestKeys.Ops);
            await AudienceCalls.EventuallyAsync(async () => (long)(await ops.PageAsync("value", "C"))["count"]! == customers.Count, "every customer listed");
            Assert.Equal(HttpStatusCode.Created, (await app.ApiClient(TestKeys.Admin).PutAsJsonAsync(
                new Uri("/api/segments/walked", UriKind.Relative), new { condition = "monetary >= 100" })).StatusCode);
            JsonObject segment = null!;
            await AudienceCalls.EventuallyAsync(async () =>
            {
                segment = (await ops.GetFromJsonAsync<JsonObject>(new Uri("/api/segments/walked", UriKind.Relative)))!;
                return (long)segment["backfill"]!["walked"]! >= 25;
            }, "the backfill is on its way");
            walkedBefore = (long)segment["backfill"]!["walked"]!;
            Assert.False((bool)segment["backfill"]!["done"]!, $"done before the restart: {segment}");
        }

        await using (var app = new ProfilesApp(settings: settings))
        {
            var ops = app.ApiClient(TestKeys.Ops);
            var resumed = (await ops.GetFromJsonAsync<JsonObject>(new Uri("/api/segments/walked", UriKind.Relative)))!;
            Assert.True((long)resumed["backfill"]!["walked"]! >= walkedBefore, $"walked {resumed["backfill"]!["walked"]} after the restart, {walkedBefore} before");
            JsonObject done = null!;
            await AudienceCalls.EventuallyAsync(async () =>
            {
                done = (await ops.GetFromJsonAsync<JsonObject>(new Uri("/api/segments/walked", UriKind.Relative)))!;
                return (bool)done["backfill"]!["done"]!;
            }, "the backfill is done", TimeSpan.FromSeconds(90));

            // Every customer walked once: the restart went on from the cursor instead of starting over.
            Assert.Equal(customers.Count, (long)done["backfill"]!["walked"]!);
            var expected = customers.Where(c => c.Value + 1 >= 100).Select(c => c.Key).ToHashSet();
            Assert.Equal(expected.Count, (long)done["members"]!);
            Assert.Equal(expected, (await ops.AllPagesAsync("segment:walked", "member", 100)).Ids.ToHashSet());
        }
    }
}
