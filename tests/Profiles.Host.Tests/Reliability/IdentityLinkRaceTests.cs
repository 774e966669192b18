using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Reliability;

/// <summary>
/// Links racing in opposite directions, found by the hostile-input run: two requests linking two ids to each other at once
/// left the ids claiming each other, the two profiles forwarding to each other for ever (both requests 503, both profiles
/// 500 from then on). On Azure Table storage, as deployed. Every id here is also sent as a user id, so each is a known
/// customer as soon as its first event is stored: a link through an anonymous id that names one is refused (only a link
/// that won the race before that merges), and either way every event is kept exactly once and every id reads.
/// </summary>
public sealed class IdentityLinkRaceTests(AzureTableAppFixture fixture) : IClassFixture<AzureTableAppFixture>
{
    private readonly HttpClient _writer = fixture.App.WriteClient();
    private readonly HttpClient _agent = fixture.App.ApiClient(TestKeys.Agent);

    [Fact]
    public async Task TwoRequestsLinkingTwoIdsToEachOtherAtOnceKeepEveryEventOnceAndEveryIdReadable()
    {
        for (var round = 0; round < 12; round++)
        {
            var suffix = Guid.NewGuid().ToString("N");
            var (p, q) = ($"p-{suffix}", $"q-{suffix}");
            JsonObject[] calls = [Page(userId: p, anonymousId: q), Page(userId: q, anonymousId: p)];

            var answers = await Task.WhenAll(calls.Select(c => _writer.PostBatchAsync(c)));

            Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
            await AssertEveryEventOnceAsync([p, q], pageViews: 2);
        }
    }

    [Fact]
    public async Task EightRequestsLinkingARingOfThreeIdsAtOnceAllSucceedAndKeepEveryEventOnce()
    {
        for (var round = 0; round < 4; round++)
        {
            var suffix = Guid.NewGuid().ToString("N");
            var (x, y, z) = ($"x-{suffix}", $"y-{suffix}", $"z-{suffix}");
            // Every direction of the ring X↔Y, Y↔Z, Z↔X, and two of them twice (with their own message ids).
            (string User, string Anonymous)[] links = [(x, y), (y, x), (y, z), (z, y), (z, x), (x, z), (x, y), (z, x)];
            var calls = links.Select(l => Page(l.User, l.Anonymous)).ToArray();

            var answers = await Task.WhenAll(calls.Select(c => _writer.PostBatchAsync(c)));

            // A link that would close a circle, or would merge a known customer, is refused quietly: the request is a 200.
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
            await AssertEveryEventOnceAsync([x, y, z], pageViews: calls.Length);

            // Sent again, as an SDK retries: every event is a duplicate and nothing changes.
            var retries = await Task.WhenAll(calls.Select(c => _writer.PostBatchAsync(c.DeepClone().AsObject())));
            foreach (var retry in retries)
            {
                Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
                Assert.Equal(1, (int)(await retry.Content.ReadFromJsonAsync<JsonObject>())!["duplicates"]!);
            }
            await AssertEveryEventOnceAsync([x, y, z], pageViews: calls.Length);
        }
    }

    private static JsonObject Page(string userId, string anonymousId) =>
        Segment.Anonymous(anonymousId, "page", new JsonObject { ["name"] = "Home" }, userId);

    /// <summary>
    /// Every id reads back 200, and the customers they read as count each page view exactly once between them; an id
    /// merged into another is listed among that customer's identities.
    /// </summary>
    private async Task AssertEveryEventOnceAsync(string[] ids, int pageViews)
    {
        var customers = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var response = await _agent.GetAsync($"/api/customers/{id}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var profile = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            var customer = (string)profile["customerId"]!;
            Assert.Contains(customer, ids);
            if (customer != id) Assert.Contains(id, profile["identities"]!.AsArray().Select(i => (string)i!));
            customers[customer] = profile;
        }
        Assert.Equal(pageViews, customers.Values.Sum(p => (int)p["engagement"]!["pageViews"]!));
        Assert.Equal(pageViews, customers.Values.Sum(p => (long)p["eventsApplied"]!));
    }
}
