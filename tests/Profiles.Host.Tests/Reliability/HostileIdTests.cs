using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Profiles.Host.Tests.Infrastructure;
using Profiles.Host.Tests.Ingest;

namespace Profiles.Host.Tests.Reliability;

/// <summary>
/// Regressions the hostile-input run found, on Azure Table storage: ids of white space only (Orleans refuses them as grain
/// keys: the ingest answered 503 for good and a lookup 500) and ids whose escaped key is longer than Azure's 512 characters
/// (refused by the table: 503 for good).
/// </summary>
public sealed class HostileIdTests(AzureTableAppFixture fixture) : IClassFixture<AzureTableAppFixture>
{
    private readonly ProfilesApp _app = fixture.App;

    [Theory]
    [InlineData("   ")]
    [InlineData("\u3000")]
    [InlineData("\u00A0 ")]
    public async Task AnEventNamingNobodyButWhiteSpaceIsRejectedWithItsReason(string blank)
    {
        var response = await _app.WriteClient().PostBatchAsync(
            new JsonObject { ["type"] = "page", ["userId"] = blank, ["messageId"] = "blank-user" },
            new JsonObject { ["type"] = "alias", ["userId"] = $"c-{Guid.NewGuid():N}", ["previousId"] = blank, ["messageId"] = "blank-previous" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rejected = (await response.Content.ReadFromJsonAsync<JsonObject>())!["rejected"]!.AsArray();
        Assert.Equal(["blank-user", "blank-previous"], rejected.Select(r => (string)r!["messageId"]!));
        Assert.Contains("\"userId\" or \"anonymousId\" is required", (string)rejected[0]!["reason"]!, StringComparison.Ordinal);
        Assert.Contains("alias needs \"previousId\"", (string)rejected[1]!["reason"]!, StringComparison.Ordinal);

        using var single = JsonContent.Create(new JsonObject { ["userId"] = blank, ["name"] = "Home" });
        await IngestApiTests.AssertProblem(await _app.WriteClient().PostAsync("/v1/page", single), HttpStatusCode.BadRequest, "is required");
    }

    [Fact]
    public async Task AWhiteSpaceAnonymousIdIsIgnoredAndTheEventKeptUnderTheUserId()
    {
        var customer = $"c-{Guid.NewGuid():N}";

        var response = await _app.WriteClient().PostBatchAsync(new JsonObject { ["type"] = "page", ["userId"] = customer, ["anonymousId"] = " " });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var profile = await _app.ApiClient(TestKeys.Agent).GetFromJsonAsync<JsonObject>($"/api/customers/{customer}");
        Assert.Empty(profile!["identities"]!.AsArray());
    }

    [Theory]
    [InlineData("/api/customers/%20")]
    [InlineData("/api/customers/%E3%80%80%20")]
    [InlineData("/api/customers/%20/export")]
    public async Task LookingUpAWhiteSpaceIdIsABadRequest(string path)
    {
        var response = await _app.ApiClient(TestKeys.Admin).GetAsync(path);

        await IngestApiTests.AssertProblem(response, HttpStatusCode.BadRequest, "white space");
    }

    [Fact]
    public async Task ErasingAWhiteSpaceIdIsABadRequest() =>
        await IngestApiTests.AssertProblem(await _app.ApiClient(TestKeys.Admin).DeleteAsync("/api/customers/%09%20"), HttpStatusCode.BadRequest, "white space");

    [Theory]
    [InlineData('#', 256)]
    [InlineData('/', 256)]
    [InlineData('\u00A4', 256)]
    [InlineData('x', 256)]
    public async Task AnIdOfTheLongestAcceptedLengthInCharactersAzureEscapesIsKeptAndReadBack(char c, int length)
    {
        var customer = new string(c, length - 8) + Guid.NewGuid().ToString("N")[..8];
        var anonymous = new string(c, length - 9) + "a" + Guid.NewGuid().ToString("N")[..8];

        var response = await _app.WriteClient().PostBatchAsync(
            Segment.Order(customer, "o-1", 10m),
            new JsonObject { ["type"] = "page", ["userId"] = customer, ["anonymousId"] = anonymous, ["name"] = "Home" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var agent = _app.ApiClient(TestKeys.Agent);
        var profile = await agent.GetFromJsonAsync<JsonObject>($"/api/customers/{Uri.EscapeDataString(customer)}");
        Assert.Equal(customer, (string)profile!["customerId"]!);
        Assert.Equal(1, (int)profile["orders"]!["lifetime"]!);
        var viaAnonymous = await agent.GetFromJsonAsync<JsonObject>($"/api/customers/{Uri.EscapeDataString(anonymous)}");
        Assert.Equal(customer, (string)viaAnonymous!["customerId"]!);
    }

    [Fact]
    public async Task LookingUpAnIdLongerThanAnyKeptIsNotFound()
    {
        var response = await _app.ApiClient(TestKeys.Agent).GetAsync($"/api/customers/{Uri.EscapeDataString(new string('/', 512))}");

        await IngestApiTests.AssertProblem(response, HttpStatusCode.NotFound, "is known");
    }

    [Theory]
    [InlineData("PUT", "/api/stats/classes", "GET")]
    [InlineData("POST", "/api/customers/x", "")]
    [InlineData("GET", "/api/nothing-here", "")]
    public async Task TheFrameworksOwnRefusalsSayWhatIsWrong(string method, string path, string allowed)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        var response = await _app.ApiClient(TestKeys.Admin).SendAsync(request);

        Assert.True((int)response.StatusCode is 404 or 405);
        await IngestApiTests.AssertProblem(response, response.StatusCode, allowed.Length > 0 ? $"'{path}'; use {allowed}" : path);
    }
}
