using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Ingest;

/// <summary>The real <c>@segment/analytics-node</c> 3.1.0 from npm, run with node and pointed at the service by its host option.</summary>
public sealed class RealSegmentSdkTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task SegmentsAnalyticsNodeSdkPointedAtTheServiceWorksUnchanged()
    {
        var user = $"user-{Guid.NewGuid():N}";
        var anonymous = Guid.NewGuid().ToString();
        var host = fixture.App.BaseAddress.ToString().TrimEnd('/');

        var (exitCode, output) = await NodeSdk.RunAsync("send-segment.mjs", host, TestKeys.Write, user, anonymous);

        Assert.True(exitCode == 0, output);
        using var agent = fixture.App.ApiClient(TestKeys.Agent);
        var profile = (await agent.GetFromJsonAsync<JsonObject>($"/api/customers/{anonymous}"))!;
        Assert.Equal(user, (string)profile["customerId"]!);
        Assert.Equal(42m, (decimal)profile["monetary"]!);
        Assert.Equal(1, (int)profile["engagement"]!["pageViews"]!);
        Assert.Equal("sdk@example.com", (string)profile["traits"]!["email"]!);
        Assert.Contains(anonymous, profile["identities"]!.AsArray().Select(i => (string)i!));
    }
}
