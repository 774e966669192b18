using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Profiles.Abstractions.Grains;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Privacy;

public sealed class ErasureTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly ProfilesApp _app = fixture.App;
    private readonly HttpClient _writer = fixture.App.WriteClient();
    private readonly HttpClient _agent = fixture.App.ApiClient(TestKeys.Agent);
    private readonly HttpClient _admin = fixture.App.ApiClient(TestKeys.Admin);

    private IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    private static string Path(string id) => $"/api/customers/{Uri.EscapeDataString(id)}";

    [Fact]
    public async Task DeletesRacingAndRepeatedOnEveryIdOfAnErasedCustomerAnswerOnly204Or404()
    {
        var linked = await LinkedCustomer.CreateAsync(_writer);
        string[] ids = [.. linked.AllIds, linked.Email];

        // Every id at once, three times over: one erasure wins, everything else finds nothing any more.
        var answers = await Task.WhenAll(Enumerable.Range(0, 3).SelectMany(_ => ids).Select(async id =>
        {
            var response = await _admin.DeleteAsync(Path(id));
            return (id, response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.NotFound, $"{a.id}: {(int)a.StatusCode} {a.Body}"));
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.NoContent);
        foreach (var id in ids) Assert.Equal(HttpStatusCode.NotFound, (await _admin.DeleteAsync(Path(id))).StatusCode);
        foreach (var id in linked.AllIds) Assert.Equal(HttpStatusCode.NotFound, (await _agent.GetAsync(Path(id))).StatusCode);
    }

    [Fact]
    public async Task ErasingACustomerDeletesItsProfileTheRecordsAndProfilesOfItsIdentitiesAndItsEmailEntry()
    {
        var linked = await LinkedCustomer.CreateAsync(_writer);
        foreach (var id in linked.AllIds) Assert.Equal(HttpStatusCode.OK, (await _agent.GetAsync(Path(id))).StatusCode);
        Assert.NotNull(await Grains.GetGrain<ICustomerGrain>(linked.Anonymous).GetStoredAsync());
        Assert.NotNull(await Grains.GetGrain<ICustomerGrain>(linked.Alias).GetStoredAsync());

        var erased = await _admin.DeleteAsync(Path(linked.Customer));

        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        foreach (var id in linked.AllIds) Assert.Equal(HttpStatusCode.NotFound, (await _agent.GetAsync(Path(id))).StatusCode);
        foreach (var id in new[] { linked.Customer, linked.Anonymous, linked.Alias })
        {
            Assert.Null(await Grains.GetGrain<ICustomerGrain>(id).GetStoredAsync());
        }
        Assert.Null(await Grains.GetGrain<IIdentityGrain>(linked.Anonymous).ResolveAsync());
        Assert.Null(await Grains.GetGrain<IIdentityGrain>(linked.Alias).ResolveAsync());
        Assert.Empty(await Grains.GetGrain<IEmailDirectoryGrain>(linked.Email.ToLowerInvariant()).GetClaimsAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await _agent.GetAsync($"/api/customers?email={Uri.EscapeDataString(linked.Email)}")).StatusCode);
    }

    [Fact]
    public async Task AChainOfMergesIsErasedToItsEnd()
    {
        // An anonymous visitor becomes user X, and X is later aliased to customer C: the visitor's profile forwards to X's.
        var id = Guid.NewGuid().ToString("N");
        string visitor = $"anon-{id}", first = $"first-{id}", customer = $"user-{id}";
        Assert.Equal(HttpStatusCode.OK, (await _writer.PostBatchAsync(
            LinkedCustomer.Call("page", visitor, null, new JsonObject { ["name"] = "Home" }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _writer.PostBatchAsync(
            LinkedCustomer.Call("identify", visitor, first, new JsonObject { ["traits"] = new JsonObject { ["plan"] = "trial" } }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _writer.PostBatchAsync(Segment.Order(customer, "o-1", 50m), new JsonObject
        {
            ["type"] = "alias", ["previousId"] = first, ["userId"] = customer, ["messageId"] = Segment.NewId(),
        })).StatusCode);
        Assert.Equal(customer, (string)(await _agent.GetFromJsonAsync<JsonObject>(Path(visitor)))!["customerId"]!);
        Assert.Equal(first, await Grains.GetGrain<IIdentityGrain>(visitor).ResolveAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync(Path(customer))).StatusCode);

        foreach (var gone in new[] { visitor, first, customer })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await _agent.GetAsync(Path(gone))).StatusCode);
            Assert.Null(await Grains.GetGrain<ICustomerGrain>(gone).GetStoredAsync());
            Assert.Null(await Grains.GetGrain<IIdentityGrain>(gone).ResolveAsync());
        }
    }

    [Theory]
    [InlineData("customer")]
    [InlineData("anonymous")]
    [InlineData("alias")]
    public async Task AnyIdTheCustomerIsKnownByErasesTheWholeCustomerAndASecondErasureFindsNothing(string kind)
    {
        var linked = await LinkedCustomer.CreateAsync(_writer);
        var id = kind switch
        {
            "customer" => linked.Customer,
            "anonymous" => linked.Anonymous,
            _ => linked.Alias,
        };

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync(Path(id))).StatusCode);

        foreach (var other in linked.AllIds)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await _agent.GetAsync(Path(other))).StatusCode);
            // Idempotent: nothing is stored under any of its ids any more, so every later erasure answers 404.
            Assert.Equal(HttpStatusCode.NotFound, (await _admin.DeleteAsync(Path(other))).StatusCode);
        }
    }

    [Fact]
    public async Task IdsWithSlashHashQuestionMarkAndPercentAreErasedAndExportedAsTheyAreRead()
    {
        var customer = $"a/b#c?d%e {Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.OK, (await _writer.PostBatchAsync(Segment.Order(customer, "o-1", 10m))).StatusCode);
        Assert.Equal(customer, (string)(await _agent.GetFromJsonAsync<JsonObject>(Path(customer)))!["customerId"]!);

        var export = await _admin.GetFromJsonAsync<JsonObject>($"{Path(customer)}/export");
        Assert.Equal(customer, (string)export!["customerId"]!);

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync(Path(customer))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _agent.GetAsync(Path(customer))).StatusCode);
    }

    [Fact]
    public async Task EventsArrivingAfterAnErasureStartAFreshProfileThatRemembersNothing()
    {
        var linked = await LinkedCustomer.CreateAsync(_writer);
        var order = Segment.Order(linked.Customer, "o-9", 75m, messageId: $"m-{Guid.NewGuid():N}");
        Assert.Equal(HttpStatusCode.OK, (await _writer.PostBatchAsync(order.DeepClone().AsObject())).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync(Path(linked.Customer))).StatusCode);

        // The same event again: the dedup window went with the profile, so it is new to the fresh one.
        var resent = await (await _writer.PostBatchAsync(order)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(1, (int)resent!["accepted"]!);
        Assert.Equal(0, (int)resent["duplicates"]!);

        var fresh = (await _agent.GetFromJsonAsync<JsonObject>(Path(linked.Customer)))!;
        Assert.Equal(1, (int)fresh["eventsApplied"]!);
        Assert.Equal(1, (int)fresh["frequency"]!);
        Assert.Empty(fresh["identities"]!.AsArray());
        Assert.False(fresh["traits"]!.AsObject().ContainsKey("email"));
        // The anonymous id is nobody's again: its own events build its own prospect profile.
        Assert.Equal(HttpStatusCode.OK, (await _writer.PostBatchAsync(
            LinkedCustomer.Call("page", linked.Anonymous, null, new JsonObject { ["name"] = "Home" }))).StatusCode);
        Assert.Equal(linked.Anonymous, (string)(await _agent.GetFromJsonAsync<JsonObject>(Path(linked.Anonymous)))!["customerId"]!);
    }

    [Fact]
    public async Task AnErasureRacingWithIngestForTheSameCustomerSerializesWithIt()
    {
        var customer = $"racer-{Guid.NewGuid():N}";
        var tenAcknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var erased = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int last = 0, firstAfterErasure = 0;
        var sending = Task.Run(async () =>
        {
            // Orders one after another, on while the erasure runs, and five more once it has answered.
            for (var i = 1; i < 5000 && (firstAfterErasure == 0 || i < firstAfterErasure + 5); i++)
            {
                if (erased.Task.IsCompleted && firstAfterErasure == 0) firstAfterErasure = i;
                var response = await _writer.PostBatchAsync(Segment.Order(customer, $"o-{i:D4}", 10m));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                last = i;
                if (i == 10) tenAcknowledged.SetResult();
            }
        });
        var erasing = Task.Run(async () =>
        {
            await tenAcknowledged.Task;
            Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync(Path(customer))).StatusCode);
            erased.SetResult();
        });
        await Task.WhenAll(sending, erasing);

        var export = (await _admin.GetFromJsonAsync<JsonObject>($"{Path(customer)}/export"))!;
        var kept = export["profile"]!["orders"]!.AsObject()
            .Select(o => int.Parse(o.Key[2..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();

        // One writer: the erasure fell between two stored writes. What is left is exactly the orders from that point on —
        // none of the ten acknowledged before the erasure was sent, every one sent after it answered — each counted once.
        Assert.NotEmpty(kept);
        Assert.True(kept[0] > 10, $"an order acknowledged before the erasure survived it: o-{kept[0]}");
        Assert.True(kept[0] <= firstAfterErasure, $"o-{firstAfterErasure}, sent after the erasure answered, is missing");
        Assert.Equal(Enumerable.Range(kept[0], last - kept[0] + 1), kept);
        Assert.Equal(kept.Count, (int)export["profile"]!["eventsApplied"]!);
        Assert.Equal(kept.Count, (int)export["view"]!["frequency"]!);
    }

    [Fact]
    public async Task ErasingACustomerTakesItOutOfThePopulationCounts()
    {
        // A class of its own: no other test of this class (and its host) sends a country.
        const string country = "ZZ";
        var customer = $"counted-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.OK, (await _writer.PostBatchAsync(
            Segment.Identify(customer, new JsonObject { ["address"] = new JsonObject { ["country"] = country } }),
            Segment.Order(customer, "o-1", 30m))).StatusCode);
        var ops = _app.ApiClient(TestKeys.Ops);
        await PollGeographyAsync(ops, country, 1);

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync(Path(customer))).StatusCode);

        await PollGeographyAsync(ops, country, 0);
    }

    private static async Task PollGeographyAsync(HttpClient ops, string country, long expected)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        long? count = null;
        while (!deadline.IsCancellationRequested)
        {
            var stats = await ops.GetFromJsonAsync<JsonObject>("/api/stats/classes", CancellationToken.None);
            count = stats!["classes"]!["geography"]?[country]?.GetValue<long>() ?? 0;
            if (count == expected) return;
            await Task.Delay(50, CancellationToken.None);
        }
        Assert.Fail($"geography '{country}' counts {count}, expected {expected}");
    }

    [Fact]
    public async Task ATimeBucketWakeUpAfterErasureDoesNotRecreateTheCustomer()
    {
        var clock = new ShiftedClock();
        await using var app = new ProfilesApp(time: clock);
        var erased = $"erased-{Guid.NewGuid():N}";
        var kept = $"kept-{Guid.NewGuid():N}";
        var sent = await app.WriteClient().PostBatchAsync(
            Segment.Order(erased, "o-1", 80m, at: clock.GetUtcNow().AddDays(-60)),
            Segment.Order(kept, "o-1", 80m, at: clock.GetUtcNow().AddDays(-60)));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        var scheduled = (await grains.GetGrain<ICustomerGrain>(erased).GetStoredAsync())!.ScheduledCheck;
        Assert.NotNull(scheduled);

        Assert.Equal(HttpStatusCode.NoContent, (await app.ApiClient(TestKeys.Admin).DeleteAsync(Path(erased))).StatusCode);

        // 40 days on, both customers' buckets (turning dormant at 90 days) come due and fire.
        clock.Advance(TimeSpan.FromDays(40));
        await grains.GetGrain<IWakeCursorGrain>(0).TickAsync();
        await grains.GetGrain<ICustomerGrain>(erased).WakeAsync();

        var agent = app.ApiClient(TestKeys.Agent);
        Assert.Equal("dormant", (string)(await agent.GetFromJsonAsync<JsonObject>(Path(kept)))!["lifecycle"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync(Path(erased))).StatusCode);
        Assert.Null(await grains.GetGrain<ICustomerGrain>(erased).GetStoredAsync());
    }
}
