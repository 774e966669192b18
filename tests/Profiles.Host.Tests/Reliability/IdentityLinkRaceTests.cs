using System.Net;
using System.Text.Json.Nodes;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Reliability;

/// <summary>A race the hostile-input run found in identity linking, kept here as a failing reproduction until it is fixed.</summary>
public sealed class IdentityLinkRaceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact(Skip = "Known bug: IdentityGrain(X).LinkAsync(Y) asks IdentityGrain(Y).ResolveAsync() while holding X, and the " +
        "reverse request does the same: the two non-reentrant grains wait for each other, both requests answer 503, and " +
        "both profiles answer 500 afterwards. Needs a link protocol that orders the two claims (IdentityGrain, CustomerGrain).")]
    public async Task TwoRequestsLinkingTwoIdsToEachOtherAtOnceLeaveOneCustomerWithBothProfiles()
    {
        var suffix = Guid.NewGuid().ToString("N");
        var (p, q) = ($"p-{suffix}", $"q-{suffix}");
        var writer = fixture.App.WriteClient();

        var answers = await Task.WhenAll(
            writer.PostBatchAsync(new JsonObject { ["type"] = "page", ["userId"] = p, ["anonymousId"] = q, ["name"] = "Home" }),
            writer.PostBatchAsync(new JsonObject { ["type"] = "page", ["userId"] = q, ["anonymousId"] = p, ["name"] = "Home" }));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var agent = fixture.App.ApiClient(TestKeys.Agent);
        var viaP = await (await agent.GetAsync($"/api/customers/{p}")).Content.ReadAsStringAsync();
        var viaQ = await (await agent.GetAsync($"/api/customers/{q}")).Content.ReadAsStringAsync();
        var customer = (string)JsonNode.Parse(viaP)!["customerId"]!;
        Assert.Equal(customer, (string)JsonNode.Parse(viaQ)!["customerId"]!);
        Assert.Equal(2, (int)JsonNode.Parse(viaP)!["engagement"]!["pageViews"]!);
    }
}
