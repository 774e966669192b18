using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Profiles.Abstractions.Grains;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Audiences;

/// <summary>
/// Who is in each class, as <c>/api/audiences</c> lists it: exactly the customers <c>/api/stats/classes</c> counts in the
/// class and whose profiles report it, after a load and after a time-driven transition; an erased customer in none.
/// </summary>
public sealed class AudienceListingTests
{
    private static Dictionary<string, string?> Fast() => new()
    {
        ["Profiles:Statistics:FlushInterval"] = "00:00:00.200",
    };

    [Fact]
    public async Task AfterALoadOfTenThousandCustomersStopsEachClassListsExactlyTheCustomersItCountsAndWhoseProfilesReportIt()
    {
        await using var app = new ProfilesApp(settings: Fast());
        var random = new Random(15);
        var now = DateTimeOffset.UtcNow;
        var customers = Enumerable.Range(0, 10_000).Select(i => $"load-{i:D5}").ToList();
        string[] countries = ["DE", "FR", "GB", "US", "Atlantis"];
        var calls = new List<JsonObject>();
        foreach (var customer in customers)
        {
            calls.Add(Segment.Identify(customer, new JsonObject
            {
                ["email"] = $"{customer}@example.com",
                ["address"] = new JsonObject { ["country"] = countries[random.Next(countries.Length)] },
            }));
            for (var o = random.Next(0, 4); o > 0; o--)
                calls.Add(Segment.Order(customer, Segment.NewId(), random.Next(5, 1500), at: now.AddDays(-random.Next(0, 400))));
            if (random.Next(3) == 0) calls.Add(Segment.Survey(customer, csat: random.Next(1, 6), nps: random.Next(0, 11)));
        }
        var writer = app.WriteClient();
        await Parallel.ForEachAsync(calls.Chunk(500), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (chunk, _) =>
            (await writer.PostBatchAsync(chunk)).EnsureSuccessStatusCode());

        // What each profile reports (a read also brings time-driven classes up to date, as any touch does).
        var agent = app.ApiClient(TestKeys.Agent);
        var reported = new ConcurrentDictionary<(string Dimension, string Class), ConcurrentBag<string>>();
        await Parallel.ForEachAsync(customers, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (customer, _) =>
        {
            var profile = await agent.GetFromJsonAsync<JsonObject>(new Uri($"/api/customers/{customer}", UriKind.Relative));
            foreach (var (dimension, state) in profile!["classes"]!.AsObject())
                reported.GetOrAdd((dimension, (string)state!["value"]!), _ => []).Add(customer);
        });

        // Once the last hand-overs and statistics are in: every class's count, in the statistics and in the listing,
        // is the number of profiles reporting it.
        var ops = app.ApiClient(TestKeys.Ops);
        await AudienceCalls.EventuallyAsync(async () =>
        {
            var stats = await ops.StatsAsync();
            if ((long)stats["customers"]! != customers.Count) return false;
            var classes = stats["classes"]!.AsObject();
            return reported.All(r => (long?)classes[r.Key.Dimension]?[r.Key.Class] == r.Value.Count);
        }, "the statistics count what the profiles report");
        foreach (var ((dimension, value), members) in reported)
        {
            // Lifecycle page by page (the cursor), the other dimensions as an export.
            var listed = dimension == "lifecycle"
                ? (await ops.AllPagesAsync(dimension, value, limit: 997)).Ids
                : [.. (await ops.ExportNdjsonAsync(dimension, value)).Select(m => (string)m["customerId"]!)];
            Assert.True(members.ToHashSet().SetEquals(listed), $"{dimension} {value}: {members.Count} report it, {listed.Count} listed");
            Assert.Equal(members.Count, listed.Count);
        }
        var dimensions = reported.Keys.Select(k => k.Dimension).Distinct().ToList();
        Assert.True(dimensions.Count >= 10, string.Join(", ", dimensions));
    }

    [Fact]
    public async Task WhenSilentCustomersTurnDormantOnTimeTheyMoveFromTheActiveListToTheDormantOne()
    {
        var clock = new ShiftedClock();
        await using var app = new ProfilesApp(settings: Fast(), time: clock);
        var run = Guid.NewGuid().ToString("N")[..8];
        var customers = Enumerable.Range(0, 40).Select(i => $"silent-{run}-{i:D2}").ToList();
        var at = clock.GetUtcNow();
        (await app.WriteClient().PostBatchAsync([.. customers.Select(c => Segment.Order(c, "o-1", 80m, at: at.AddDays(-60)))])).EnsureSuccessStatusCode();
        var ops = app.ApiClient(TestKeys.Ops);
        await AudienceCalls.EventuallyAsync(async () => (await ops.AllPagesAsync("lifecycle", "active", 100, strict: false)).Ids.Count(id => id.Contains(run, StringComparison.Ordinal)) == customers.Count,
            "every customer listed as active");

        // Nobody touches them while 100 days pass: only their time buckets move them.
        var cursor = app.Services.GetRequiredService<IGrainFactory>().GetGrain<IWakeCursorGrain>(0);
        await cursor.TickAsync();
        clock.Advance(TimeSpan.FromDays(100));
        await cursor.TickAsync();

        await AudienceCalls.EventuallyAsync(async () =>
        {
            // While customers move, a page may come short or empty; once they stand still, the pages are exact.
            var dormant = (await ops.AllPagesAsync("lifecycle", "dormant", 7, strict: false)).Ids;
            var stats = await ops.StatsAsync();
            return dormant.Count == customers.Count && dormant.ToHashSet().SetEquals(customers) &&
                   (long?)stats["classes"]?["lifecycle"]?["dormant"] == customers.Count && stats["classes"]?["lifecycle"]?["active"] is null;
        }, "the dormant list and count hold every customer");
        Assert.Equal(customers.Order(StringComparer.Ordinal), (await ops.AllPagesAsync("lifecycle", "dormant", 7)).Ids.Order(StringComparer.Ordinal));
        Assert.DoesNotContain((await ops.AllPagesAsync("lifecycle", "active", 100)).Ids, id => id.Contains(run, StringComparison.Ordinal));
        var agent = app.ApiClient(TestKeys.Agent);
        foreach (var customer in customers)
        {
            var profile = await agent.GetFromJsonAsync<JsonObject>(new Uri($"/api/customers/{customer}", UriKind.Relative));
            Assert.Equal("dormant", (string)profile!["lifecycle"]!);
        }
    }

    [Fact]
    public async Task AnErasedCustomerIsInNoListAndNoExportOnceTheErasureAnswers()
    {
        await using var app = new ProfilesApp(settings: Fast());
        var customer = $"erased-{Guid.NewGuid():N}";
        var other = $"kept-{Guid.NewGuid():N}";
        (await app.WriteClient().PostBatchAsync(
            Segment.Order(customer, "o-1", 2000m), Segment.Survey(customer, csat: 1, nps: 2),
            Segment.Order(other, "o-1", 2000m), Segment.Survey(other, csat: 1, nps: 2))).EnsureSuccessStatusCode();
        var ops = app.ApiClient(TestKeys.Ops);
        string[][] classes = [["value", "A"], ["satisfaction", "unsatisfied"], ["nps", "detractor"], ["lifecycle", "new"]];
        await AudienceCalls.EventuallyAsync(async () => (await ops.PageAsync("value", "A"))["members"]!.AsArray().Count == 2, "both listed");

        var erased = await app.ApiClient(TestKeys.Admin).DeleteAsync(new Uri($"/api/customers/{customer}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);

        // At once: no waiting for the erasure to spread.
        foreach (var c in classes)
        {
            var page = await ops.PageAsync(c[0], c[1], "limit=1000&fields=email");
            Assert.Equal([other], page["members"]!.AsArray().Select(m => (string)m!["customerId"]!));
            Assert.Equal(1, (long)page["count"]!);
            Assert.DoesNotContain(await ops.ExportNdjsonAsync(c[0], c[1]), m => (string)m["customerId"]! == customer);
        }
    }

    [Fact]
    public async Task AnIntersectionListsTheCustomersInEveryGivenClassAndItsCount()
    {
        await using var app = new ProfilesApp(settings: Fast());
        var run = Guid.NewGuid().ToString("N")[..8];
        var now = DateTimeOffset.UtcNow;
        // A and dormant; A and active; C and dormant.
        (await app.WriteClient().PostBatchAsync(
            Segment.Order($"a-dormant-{run}", "o-1", 900m, at: now.AddDays(-120)), Segment.Order($"a-dormant-{run}", "o-2", 900m, at: now.AddDays(-100)),
            Segment.Order($"a-active-{run}", "o-1", 2000m, at: now.AddDays(-40)),
            Segment.Order($"c-dormant-{run}", "o-1", 20m, at: now.AddDays(-100)))).EnsureSuccessStatusCode();
        var ops = app.ApiClient(TestKeys.Ops);
        await AudienceCalls.EventuallyAsync(async () => (long)(await ops.PageAsync("lifecycle", "dormant"))["count"]! == 2, "both dormant listed");

        var both = await ops.PageAsync("value", "A", "and=lifecycle:dormant&fields=value,lifecycle,monetary");
        var three = await ops.PageAsync("value", "A", "and=lifecycle:dormant&and=purchasingPower:high");

        var member = Assert.Single(both["members"]!.AsArray())!;
        Assert.Equal($"a-dormant-{run}", (string)member["customerId"]!);
        Assert.Equal("A", (string)member["value"]!);
        Assert.Equal("dormant", (string)member["lifecycle"]!);
        Assert.Equal(1800, (double)member["monetary"]!);
        Assert.Equal(1, (long)both["count"]!);
        Assert.Equal("lifecycle", (string)both["and"]![0]!["dimension"]!);
        Assert.Equal(1, (long)three["count"]!);
    }

    [Fact]
    public async Task AnExportStreamsTheWholeAudienceAsCsvOrNdjsonWithTheChosenFields()
    {
        await using var app = new ProfilesApp(settings: Fast());
        var run = Guid.NewGuid().ToString("N")[..8];
        var customers = Enumerable.Range(0, 2500).Select(i => $"export-{run}-{i:D4}").ToList();
        var calls = customers.SelectMany(c => new[]
        {
            Segment.Identify(c, new JsonObject { ["email"] = $"{c}@example.com", ["plan"] = c.EndsWith('7') ? "=cmd|' /C calc'!A0" : "gold, \"big\"" }),
            Segment.Order(c, "o-1", 1500m),
        }).ToList();
        foreach (var chunk in calls.Chunk(1000)) (await app.WriteClient().PostBatchAsync(chunk)).EnsureSuccessStatusCode();
        var ops = app.ApiClient(TestKeys.Ops);
        await AudienceCalls.EventuallyAsync(async () => (long)(await ops.PageAsync("value", "A"))["count"]! == customers.Count, "all listed");

        using var csv = await ops.GetAsync(new Uri(AudienceCalls.MembersPath("value", "A", "format=csv&fields=email,monetary,lifecycle,traits.plan"), UriKind.Relative));
        var text = await csv.Content.ReadAsStringAsync();
        var ndjson = await ops.ExportNdjsonAsync("value", "A", "fields=email,monetary,lifecycle");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal("audience-value-A.csv", csv.Content.Headers.ContentDisposition?.FileName);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("customerId,email,monetary,lifecycle,traits.plan", lines[0]);
        Assert.Equal(customers.Count, lines.Length - 1);
        Assert.Contains($"{customers[1]},{customers[1]}@example.com,1500,new,\"gold, \"\"big\"\"\"", lines);
        // A cell a spreadsheet would run as a formula is written after a quote mark.
        Assert.Contains($"{customers[7]},{customers[7]}@example.com,1500,new,'=cmd|' /C calc'!A0", lines);
        Assert.Equal(customers.ToHashSet(), ndjson.Select(m => (string)m["customerId"]!).ToHashSet());
        Assert.All(ndjson, m =>
        {
            Assert.Equal($"{m["customerId"]}@example.com", (string)m["email"]!);
            Assert.Equal(1500, (double)m["monetary"]!);
            Assert.Equal("new", (string)m["lifecycle"]!);
        });
    }

    [Fact]
    public async Task AClassNameWithASlashIsListedWhenItsSlashIsEscapedInThePath()
    {
        await using var app = new ProfilesApp(settings: new Dictionary<string, string?> { ["Profiles:Demographics:CountryAliases:Bavaria"] = "DE/BY" });
        var customer = $"bavarian-{Guid.NewGuid():N}";
        (await app.WriteClient().PostBatchAsync(Segment.Identify(customer, new JsonObject { ["address"] = new JsonObject { ["country"] = "Bavaria" } })))
            .EnsureSuccessStatusCode();
        var ops = app.ApiClient(TestKeys.Ops);

        await AudienceCalls.EventuallyAsync(async () =>
            (await ops.PageAsync("geography", "DE/BY"))["members"]!.AsArray().Any(m => (string)m!["customerId"]! == customer), "listed in DE/BY");
        var page = await ops.PageAsync("geography", "DE/BY", "fields=geography");
        Assert.Equal("DE/BY", (string)page["class"]!);
        Assert.Equal("DE/BY", (string)page["members"]![0]!["geography"]!);
    }

    [Theory]
    [InlineData("/api/audiences/planet/earth/members", 404, "no dimension 'planet'")]
    [InlineData("/api/audiences/lifecycle/dormant/members?limit=0", 400, "'limit' must be a whole number from 1 to 1000")]
    [InlineData("/api/audiences/lifecycle/dormant/members?limit=1001", 400, "'limit' must be a whole number from 1 to 1000")]
    [InlineData("/api/audiences/lifecycle/dormant/members?limit=1&limit=2", 400, "'limit' must be a whole number")]
    [InlineData("/api/audiences/lifecycle/dormant/members?cursor=abc", 400, "'cursor' is not one this API gave")]
    [InlineData("/api/audiences/lifecycle/dormant/members?fields=email,password", 400, "no field 'password'")]
    [InlineData("/api/audiences/lifecycle/dormant/members?and=planet:earth", 400, "names no dimension")]
    [InlineData("/api/audiences/lifecycle/dormant/members?and=value:", 400, "A class is 1 to 200 characters")]
    [InlineData("/api/audiences/lifecycle/dormant/members?format=xml", 400, "'format' is json")]
    [InlineData("/api/audiences/lifecycle/dormant/members?and=value:A&and=value:B&and=value:C&and=value:D&and=value:E&and=value:F&and=value:G&and=value:H", 400, "at most 8 classes")]
    [InlineData("/api/audiences/lifecycle/%01/members", 400, "A class is 1 to 200 characters")]
    public async Task AListingThatCannotBeAnsweredIsRefusedWithAProblemThatSaysWhy(string path, int status, string detail)
    {
        await using var app = new ProfilesApp();

        using var response = await app.ApiClient(TestKeys.Ops).GetAsync(new Uri(path, UriKind.Relative));
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detail, (string)problem!["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MemberListsAreForOpsAndAdminNotForAgentsNorWithoutAKey()
    {
        await using var app = new ProfilesApp();
        var path = new Uri(AudienceCalls.MembersPath("lifecycle", "new"), UriKind.Relative);

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ApiClient(TestKeys.Agent).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.ApiClient(TestKeys.Ops).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.ApiClient(TestKeys.Admin).GetAsync(path)).StatusCode);
    }
}
