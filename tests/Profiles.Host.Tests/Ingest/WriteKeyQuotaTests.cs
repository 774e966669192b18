using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Ingest;

/// <summary>
/// A write key's events and new customers per second are bounded per silo; one key's sender cannot take another's share.
/// </summary>
public sealed class WriteKeyQuotaTests
{
    private const string OtherKey = "wk-other-site";

    [Fact]
    public async Task AKeyOverItsEventQuotaIsAnswered429WithRetryAfterKeepsNothingAndOtherKeysAreUnaffected()
    {
        await using var app = new ProfilesApp(settings: new Dictionary<string, string?>
        {
            ["Profiles:Auth:WriteKeys:1"] = OtherKey,
            ["Profiles:Ingest:MaxBatchEvents"] = "10",
            ["Profiles:Ingest:Quota:EventsPerSecond"] = "1",
            ["Profiles:Ingest:Quota:EventBurst"] = "10",
        });
        using var writer = app.WriteClient();
        using var other = app.CreateClient();
        other.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(OtherKey + ":")));
        using var agent = app.ApiClient(TestKeys.Agent);
        var customer = $"c-{Guid.NewGuid():N}";

        // The burst is spent by one full batch...
        Assert.Equal(HttpStatusCode.OK, (await writer.PostBatchAsync(Pages(customer, 10))).StatusCode);

        // ...so the next is refused, with a delay that lets the bucket refill, and none of its events is kept.
        var refused = await writer.PostBatchAsync(Pages(customer, 10));
        await IngestApiTests.AssertProblem(refused, HttpStatusCode.TooManyRequests, "quota");
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After {refused.Headers.RetryAfter}");
        var profile = await agent.GetFromJsonAsync<JsonObject>($"/api/customers/{customer}");
        Assert.Equal(10, (int)profile!["engagement"]!["pageViews"]!);

        // Another site's key has a bucket of its own.
        Assert.Equal(HttpStatusCode.OK, (await other.PostBatchAsync(Pages($"c-{Guid.NewGuid():N}", 10))).StatusCode);
    }

    [Fact]
    public async Task AKeyOverItsNewCustomerQuotaIsAnswered429WhileEventsOfKnownCustomersStillPass()
    {
        await using var app = new ProfilesApp(settings: new Dictionary<string, string?>
        {
            ["Profiles:Auth:WriteKeys:1"] = OtherKey,
            ["Profiles:Ingest:MaxBatchEvents"] = "10",
            ["Profiles:Ingest:Quota:NewCustomersPerSecond"] = "1",
            ["Profiles:Ingest:Quota:NewCustomerBurst"] = "10",
        });
        using var writer = app.WriteClient();
        using var other = app.CreateClient();
        other.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(OtherKey + ":")));
        using var agent = app.ApiClient(TestKeys.Agent);
        var known = Enumerable.Range(0, 10).Select(i => $"known-{i}-{Guid.NewGuid():N}").ToList();

        // Ten new customers spend the burst...
        Assert.Equal(HttpStatusCode.OK, (await writer.PostBatchAsync([.. known.Select(c => Segment.Page(c, "Home"))])).StatusCode);

        // ...so a batch of ten made-up ids is refused, none of them is stored...
        var madeUp = Enumerable.Range(0, 10).Select(i => $"made-up-{i}-{Guid.NewGuid():N}").ToList();
        var refused = await writer.PostBatchAsync([.. madeUp.Select(c => Segment.Page(c, "Home"))]);
        await IngestApiTests.AssertProblem(refused, HttpStatusCode.TooManyRequests, "new customers");
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After {refused.Headers.RetryAfter}");
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/api/customers/{madeUp[0]}")).StatusCode);

        // ...while the customers that exist keep sending (repeatedly: they take nothing of the new-customer quota).
        for (var round = 0; round < 3; round++)
            Assert.Equal(HttpStatusCode.OK, (await writer.PostBatchAsync([.. known.Select(c => Segment.Page(c, $"Page {round}"))])).StatusCode);
        Assert.Equal(4, (int)(await agent.GetFromJsonAsync<JsonObject>($"/api/customers/{known[0]}"))!["engagement"]!["pageViews"]!);

        // Another site's key has a bucket of its own.
        Assert.Equal(HttpStatusCode.OK, (await other.PostBatchAsync([.. madeUp.Select(c => Segment.Page(c, "Home"))])).StatusCode);
    }

    private static JsonObject[] Pages(string customer, int count) =>
        [.. Enumerable.Range(0, count).Select(i => Segment.Page(customer, $"Page {i}"))];
}
