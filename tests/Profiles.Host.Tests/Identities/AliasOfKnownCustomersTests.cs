using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Identities;

/// <summary>
/// <c>alias</c> is the explicit way to merge two ids. Of two known customers it merges by default (as Segment does), and
/// <c>Profiles:Identity:AllowAliasOfKnownCustomers=false</c> refuses it.
/// </summary>
public sealed class AliasOfKnownCustomersTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public async Task AnAliasOfTwoKnownCustomersMergesOnlyWhileAllowed(string? allow, bool merges)
    {
        var settings = new Dictionary<string, string?>();
        if (allow is not null) settings["Profiles:Identity:AllowAliasOfKnownCustomers"] = allow;
        await using var app = new ProfilesApp(settings: settings);
        var writer = app.WriteClient();
        var agent = app.ApiClient(TestKeys.Agent);
        var first = $"first-{Guid.NewGuid():N}";
        var second = $"second-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.OK, (await writer.PostBatchAsync(Segment.Order(first, "o-1", 10m), Segment.Order(second, "o-2", 20m))).StatusCode);

        var alias = new JsonObject { ["type"] = "alias", ["userId"] = second, ["previousId"] = first, ["messageId"] = Segment.NewId() };
        Assert.Equal(HttpStatusCode.OK, (await writer.PostBatchAsync(alias)).StatusCode);

        var target = (await agent.GetFromJsonAsync<JsonObject>($"/api/customers/{second}"))!;
        var source = (await agent.GetFromJsonAsync<JsonObject>($"/api/customers/{first}"))!;
        var refused = target["refusedIdentities"]!.AsArray().Select(n => (string)n!).ToList();
        if (merges)
        {
            Assert.Equal(2, (int)target["frequency"]!);
            Assert.Equal(second, (string)source["customerId"]!);
            Assert.Empty(refused);
        }
        else
        {
            Assert.Equal(1, (int)target["frequency"]!);
            Assert.Equal(first, (string)source["customerId"]!);
            Assert.Equal(1, (int)source["frequency"]!);
            Assert.Equal([first], refused);
        }
    }
}
