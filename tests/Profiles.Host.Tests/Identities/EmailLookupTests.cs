using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Identities;

public sealed class EmailLookupTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly HttpClient _writer = fixture.App.WriteClient();
    private readonly HttpClient _agent = fixture.App.ApiClient(TestKeys.Agent);

    [Fact]
    public async Task AnAgentFindsACustomerByTheEmailAddressOfItsTraitsWhateverTheCase()
    {
        var customer = $"c-{Guid.NewGuid():N}";
        var email = $"{customer}@Example.com";
        Assert.Equal(HttpStatusCode.OK, (await _writer.PostBatchAsync(Segment.Identify(customer, new JsonObject { ["email"] = email }))).StatusCode);

        var profile = await _agent.GetFromJsonAsync<JsonObject>($"/api/customers/{Uri.EscapeDataString(email.ToUpperInvariant())}");
        Assert.Equal(customer, (string)profile!["customerId"]!);
    }

    [Fact]
    public async Task AnAddressThatMovedToAnotherCustomerFindsTheLatestOne()
    {
        var email = $"shared-{Guid.NewGuid():N}@example.com";
        var first = $"c-{Guid.NewGuid():N}";
        var second = $"c-{Guid.NewGuid():N}";
        await _writer.PostBatchAsync(Identify(first, email, DateTimeOffset.UtcNow.AddDays(-2)));
        await _writer.PostBatchAsync(Identify(second, email, DateTimeOffset.UtcNow.AddDays(-1)));
        // An older identify arriving late does not take the address back.
        await _writer.PostBatchAsync(Identify(first, email, DateTimeOffset.UtcNow.AddDays(-3)));

        var profile = await _agent.GetFromJsonAsync<JsonObject>($"/api/customers/{Uri.EscapeDataString(email)}");
        Assert.Equal(second, (string)profile!["customerId"]!);
    }

    [Fact]
    public async Task AnUnknownAddressIsNotFound() =>
        Assert.Equal(HttpStatusCode.NotFound, (await _agent.GetAsync($"/api/customers/{Guid.NewGuid():N}%40example.com")).StatusCode);

    private static JsonObject Identify(string customer, string email, DateTimeOffset at)
    {
        var call = Segment.Identify(customer, new JsonObject { ["email"] = email });
        call["timestamp"] = at.ToString("O");
        return call;
    }
}
