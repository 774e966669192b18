using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Audiences;

/// <summary>
/// Custom segments defined at runtime through <c>/api/segments</c>: in force without a restart, every existing customer
/// evaluated by a backfill whose progress shows, redefined and removed everywhere; configuration segments untouched.
/// </summary>
public sealed class CustomSegmentsApiTests
{
    private static Dictionary<string, string?> Fast(IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Profiles:Statistics:FlushInterval"] = "00:00:00.200",
            ["Profiles:Audiences:SegmentRefreshInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>()) settings[key] = value;
        return settings;
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string name, string condition) =>
        client.PutAsJsonAsync(new Uri($"/api/segments/{name}", UriKind.Relative), new { condition });

    private static async Task<JsonObject> SegmentAsync(HttpClient client, string name) =>
        (await client.GetFromJsonAsync<JsonObject>(new Uri($"/api/segments/{name}", UriKind.Relative)))!;

    private static async Task<JsonObject> BackfilledAsync(HttpClient client, string name, long? generation = null)
    {
        JsonObject segment = null!;
        await AudienceCalls.EventuallyAsync(async () =>
        {
            segment = await SegmentAsync(client, name);
            return (bool)segment["backfill"]!["done"]! && (generation is null || (long)segment["generation"]! == generation);
        }, $"the backfill of {name} is done", TimeSpan.FromSeconds(60));
        return segment;
    }

    [Fact]
    public async Task ACustomSegmentDefinedAtRuntimeIsBackfilledOverEveryKnownCustomerAndClassifiesNewOnesAtOnce()
    {
        await using var app = new ProfilesApp(settings: Fast());
        var run = Guid.NewGuid().ToString("N")[..8];
        var revenue = Enumerable.Range(0, 300).ToDictionary(i => $"known-{run}-{i:D3}", i => 100m + 7 * i);
        (await app.WriteClient().PostBatchAsync([.. revenue.Select(r => Segment.Order(r.Key, "o-1", r.Value))])).EnsureSuccessStatusCode();
        var admin = app.ApiClient(TestKeys.Admin);
        var ops = app.ApiClient(TestKeys.Ops);
        await AudienceCalls.EventuallyAsync(async () => (long)(await ops.PageAsync("lifecycle", "new"))["count"]! == revenue.Count, "every customer listed");

        using var created = await PutAsync(admin, "big-spenders", "monetary >= 1000 and lifecycle = 'new'");
        var definition = (await created.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/segments/big-spenders", created.Headers.Location?.OriginalString);
        Assert.Equal("segment:big-spenders", (string)definition["dimension"]!);
        Assert.Equal("runtime", (string)definition["source"]!);
        var segment = await BackfilledAsync(ops, "big-spenders");
        var expected = revenue.Where(r => r.Value >= 1000).Select(r => r.Key).ToHashSet();
        Assert.Equal(1.0, (double)segment["backfill"]!["fraction"]!);
        Assert.Equal(revenue.Count, (long)segment["backfill"]!["walked"]!);
        Assert.Equal(revenue.Count, (long)segment["backfill"]!["total"]!);
        Assert.Equal(expected.Count, (long)segment["members"]!);
        var (members, count) = await ops.AllPagesAsync("segment:big-spenders", "member", 50);
        Assert.Equal(expected, members.ToHashSet());
        Assert.Equal(expected.Count, count);
        Assert.Equal(revenue.Count - expected.Count, (long)(await ops.PageAsync("segment:big-spenders", "non-member"))["count"]!);
        var agent = app.ApiClient(TestKeys.Agent);
        var member = await agent.GetFromJsonAsync<JsonObject>(new Uri($"/api/customers/{expected.First()}", UriKind.Relative));
        Assert.Equal("member", (string)member!["classes"]!["segment:big-spenders"]!["value"]!);

        // A customer who arrives now is classified in it with its first event.
        var newcomer = $"newcomer-{run}";
        (await app.WriteClient().PostBatchAsync(Segment.Order(newcomer, "o-1", 5000m))).EnsureSuccessStatusCode();
        var profile = await agent.GetFromJsonAsync<JsonObject>(new Uri($"/api/customers/{newcomer}", UriKind.Relative));
        Assert.Equal("member", (string)profile!["classes"]!["segment:big-spenders"]!["value"]!);
        await AudienceCalls.EventuallyAsync(async () => (long)(await SegmentAsync(ops, "big-spenders"))["members"]! == expected.Count + 1, "the newcomer counted");
    }

    [Theory]
    [InlineData("{\"condition\": \"frequency >= 3 and lifecyle = 'new'\"}", "at position 20: unknown field 'lifecyle'", 20)]
    [InlineData("{\"condition\": \"monetary >= and\"}", "at position 13:", 13)]
    [InlineData("{\"condition\": \"(frequency > 1\"}", "at position", null)]
    [InlineData("{\"condition\": \"\"}", "The condition is empty", null)]
    [InlineData("{\"condition\": 42}", "must be a JSON object with a \\\"condition\\\" string", null)]
    [InlineData("not json", "must be a JSON object", null)]
    public async Task ADefinitionThatCannotBeReadIsRefusedWithAProblemNamingWhereAndDefinesNothing(string body, string detail, int? position)
    {
        await using var app = new ProfilesApp(settings: Fast());
        var admin = app.ApiClient(TestKeys.Admin);

        using var response = await admin.PutAsync(new Uri("/api/segments/broken", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detail.Replace("\\\"", "\"", StringComparison.Ordinal), (string)problem["detail"]!, StringComparison.Ordinal);
        if (position is not null) Assert.Equal(position, (int)problem["position"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(new Uri("/api/segments/broken", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task BoundsOnNamesConditionsBodiesAndTheNumberOfCustomSegmentsAreRefusedClearly()
    {
        await using var app = new ProfilesApp(settings: Fast(new Dictionary<string, string?> { ["Profiles:Audiences:MaxSegments"] = "2" }));
        var admin = app.ApiClient(TestKeys.Admin);

        using var badName = await PutAsync(admin, "-dash-first", "frequency >= 1");
        using var longCondition = await PutAsync(admin, "long", "frequency >= 1 and " + string.Join(" and ", Enumerable.Repeat("frequency >= 1", 300)));
        using var huge = await admin.PutAsync(new Uri("/api/segments/huge", UriKind.Relative),
            new StringContent("{\"condition\":\"" + new string(' ', 20_000) + "frequency >= 1\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(admin, "one", "frequency >= 1")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(admin, "two", "frequency >= 2")).StatusCode);
        using var third = await PutAsync(admin, "three", "frequency >= 3");
        using var again = await PutAsync(admin, "two", "frequency >= 2");
        using var redefined = await PutAsync(admin, "TWO", "frequency >= 4");

        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        Assert.Contains("letters, digits", (string)(await badName.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, longCondition.StatusCode);
        Assert.Contains("at most 4000", (string)(await longCondition.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        Assert.Contains("Profiles:Audiences:MaxSegments", (string)(await third.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        // Names are one whatever their case; a redefinition keeps the name (and dimension) as first written.
        Assert.Equal(HttpStatusCode.OK, redefined.StatusCode);
        var segment = (await redefined.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("two", (string)segment["name"]!);
        Assert.Equal("frequency >= 4", (string)segment["condition"]!);
        var all = (await admin.GetFromJsonAsync<JsonObject>(new Uri("/api/segments", UriKind.Relative)))!;
        Assert.Equal(["one", "two"], all["segments"]!.AsArray().Select(s => (string)s!["name"]!));
        Assert.Equal(2, (int)all["maxRuntimeSegments"]!);
    }

    [Fact]
    public async Task CustomSegmentsAreDefinedAndRemovedByAdminsAndReadByOpsAndAdmins()
    {
        await using var app = new ProfilesApp(settings: Fast());
        var path = new Uri("/api/segments/roles", UriKind.Relative);

        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(app.ApiClient(TestKeys.Ops), "roles", "frequency >= 1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(app.ApiClient(TestKeys.Agent), "roles", "frequency >= 1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PutAsync(app.CreateClient(), "roles", "frequency >= 1")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(app.ApiClient(TestKeys.Admin), "roles", "frequency >= 1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ApiClient(TestKeys.Agent).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.ApiClient(TestKeys.Ops).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ApiClient(TestKeys.Ops).DeleteAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await app.ApiClient(TestKeys.Admin).DeleteAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ApiClient(TestKeys.Admin).DeleteAsync(path)).StatusCode);
    }

    [Fact]
    public async Task ARedefinitionReevaluatesEveryCustomerAndARemovalDropsTheCustomSegmentFromProfilesListsAndCounts()
    {
        await using var app = new ProfilesApp(settings: Fast());
        var run = Guid.NewGuid().ToString("N")[..8];
        var orders = Enumerable.Range(0, 60).ToDictionary(i => $"redefined-{run}-{i:D2}", i => 1 + i % 4);
        (await app.WriteClient().PostBatchAsync([.. orders.SelectMany(o => Enumerable.Range(0, o.Value).Select(n => Segment.Order(o.Key, $"o-{n}", 50m)))])).EnsureSuccessStatusCode();
        var admin = app.ApiClient(TestKeys.Admin);
        var ops = app.ApiClient(TestKeys.Ops);
        await AudienceCalls.EventuallyAsync(async () => (long)(await ops.PageAsync("value", "C"))["count"]! == orders.Count, "every customer listed");

        Assert.Equal(HttpStatusCode.Created, (await PutAsync(admin, "frequent", "frequency >= 3")).StatusCode);
        var first = await BackfilledAsync(ops, "frequent");
        Assert.Equal(orders.Count(o => o.Value >= 3), (long)first["members"]!);

        using var changed = await PutAsync(admin, "frequent", "frequency >= 2");
        var generation = (long)(await changed.Content.ReadFromJsonAsync<JsonObject>())!["generation"]!;
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.True(generation > (long)first["generation"]!);
        var second = await BackfilledAsync(ops, "frequent", generation);
        var expected = orders.Where(o => o.Value >= 2).Select(o => o.Key).ToHashSet();
        Assert.Equal(expected.Count, (long)second["members"]!);
        Assert.Equal(expected, (await ops.AllPagesAsync("segment:frequent", "member", 25)).Ids.ToHashSet());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(new Uri("/api/segments/frequent", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ops.GetAsync(new Uri("/api/segments/frequent", UriKind.Relative))).StatusCode);
        await AudienceCalls.EventuallyAsync(async () =>
        {
            var stats = await ops.StatsAsync();
            var listing = await ops.GetAsync(new Uri(AudienceCalls.MembersPath("segment:frequent", "member"), UriKind.Relative));
            return stats["classes"]!["segment:frequent"] is null && listing.StatusCode == HttpStatusCode.NotFound;
        }, "the segment is gone from the counts and the listings");
        var profile = await app.ApiClient(TestKeys.Agent).GetFromJsonAsync<JsonObject>(new Uri($"/api/customers/{expected.First()}", UriKind.Relative));
        Assert.False(profile!["classes"]!.AsObject().ContainsKey("segment:frequent"));
    }

    [Fact]
    public async Task ConfigurationCustomSegmentsKeepWorkingBesideRuntimeOnesAndCannotBeChangedAtRuntime()
    {
        await using var app = new ProfilesApp(settings: Fast(new Dictionary<string, string?>
        {
            ["Profiles:Segments:Custom:0:Name"] = "vip",
            ["Profiles:Segments:Custom:0:Condition"] = "valueTier = 'A'",
        }));
        var customer = $"vip-{Guid.NewGuid():N}";
        (await app.WriteClient().PostBatchAsync(Segment.Order(customer, "o-1", 5000m))).EnsureSuccessStatusCode();
        var admin = app.ApiClient(TestKeys.Admin);

        using var redefine = await PutAsync(admin, "VIP", "frequency >= 1");
        using var remove = await admin.DeleteAsync(new Uri("/api/segments/vip", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(admin, "buyers", "frequency >= 1")).StatusCode);
        var all = (await admin.GetFromJsonAsync<JsonObject>(new Uri("/api/segments", UriKind.Relative)))!;

        Assert.Equal(HttpStatusCode.Conflict, redefine.StatusCode);
        Assert.Contains("Profiles:Segments:Custom", (string)(await redefine.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, remove.StatusCode);
        Assert.Equal(["vip/configuration", "buyers/runtime"], all["segments"]!.AsArray().Select(s => $"{s!["name"]}/{s["source"]}"));
        await AudienceCalls.EventuallyAsync(async () =>
            (await admin.PageAsync("segment:vip", "member"))["members"]!.AsArray().Any(m => (string)m!["customerId"]! == customer) &&
            (await admin.PageAsync("segment:buyers", "member"))["members"]!.AsArray().Any(m => (string)m!["customerId"]! == customer),
            "the customer listed in both segments");
    }

    [Fact]
    public async Task ACustomSegmentDefinedThroughOneSiloIsInForceOnTheOtherWithinSeconds()
    {
        await using var first = new ProfilesApp(settings: Fast(new Dictionary<string, string?> { ["Profiles:Audiences:SegmentRefreshInterval"] = "00:00:01" }));
        _ = first.BaseAddress;
        await using var second = new ProfilesApp(first.ClusterId, primarySiloPort: first.SiloPort,
            settings: Fast(new Dictionary<string, string?> { ["Profiles:Audiences:SegmentRefreshInterval"] = "00:00:01" }));
        _ = second.BaseAddress;
        var run = Guid.NewGuid().ToString("N")[..8];

        Assert.Equal(HttpStatusCode.Created, (await PutAsync(first.ApiClient(TestKeys.Admin), "everywhere", "frequency >= 1")).StatusCode);
        var defined = DateTime.UtcNow;

        // Customers who first arrive through the other silo (their grains live there) are classified in it soon after.
        var attempt = 0;
        await AudienceCalls.EventuallyAsync(async () =>
        {
            var customer = $"elsewhere-{run}-{attempt++}";
            (await second.WriteClient().PostBatchAsync(Segment.Order(customer, "o-1", 10m))).EnsureSuccessStatusCode();
            var profile = await second.ApiClient(TestKeys.Agent).GetFromJsonAsync<JsonObject>(new Uri($"/api/customers/{customer}", UriKind.Relative));
            return (string?)profile!["classes"]!["segment:everywhere"]?["value"] == "member";
        }, "a customer on the other silo is classified in the segment", TimeSpan.FromSeconds(20));
        Assert.True(DateTime.UtcNow - defined < TimeSpan.FromSeconds(5), $"in force on the other silo after {DateTime.UtcNow - defined}");
    }
}
