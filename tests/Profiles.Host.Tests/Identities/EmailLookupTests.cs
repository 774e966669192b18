using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Identities;

/// <summary>
/// Looking a customer up by e-mail address is explicit (<c>GET /api/customers?email=</c>) and never picks one of several
/// claimants; reads, erasures and exports by id never fall back to it, so an address cannot steer a GDPR call.
/// </summary>
public sealed class EmailLookupTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly HttpClient _writer = fixture.App.WriteClient();
    private readonly HttpClient _agent = fixture.App.ApiClient(TestKeys.Agent);
    private readonly HttpClient _admin = fixture.App.ApiClient(TestKeys.Admin);

    private static string Lookup(string email) => $"/api/customers?email={Uri.EscapeDataString(email)}";

    [Fact]
    public async Task AnAgentFindsACustomerByTheEmailAddressOfItsTraitsWhateverTheCase()
    {
        var customer = $"c-{Guid.NewGuid():N}";
        var email = $"{customer}@Example.com";
        Assert.Equal(HttpStatusCode.OK, (await _writer.PostBatchAsync(Segment.Identify(customer, new JsonObject { ["email"] = email }))).StatusCode);

        var profile = await _agent.GetFromJsonAsync<JsonObject>(Lookup(email.ToUpperInvariant()));
        Assert.Equal(customer, (string)profile!["customerId"]!);
    }

    [Fact]
    public async Task AnAddressClaimedBySeveralCustomersAnswers409WithEveryCandidateLatestFirst()
    {
        var email = $"shared-{Guid.NewGuid():N}@example.com";
        var first = $"c-{Guid.NewGuid():N}";
        var second = $"c-{Guid.NewGuid():N}";
        await _writer.PostBatchAsync(Identify(first, email, DateTimeOffset.UtcNow.AddDays(-2)));
        await _writer.PostBatchAsync(Identify(second, email, DateTimeOffset.UtcNow.AddDays(-1)));

        var response = await _agent.GetAsync(Lookup(email));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal([second, first], problem!["candidates"]!.AsArray().Select(c => (string)c!["customerId"]!));
    }

    [Fact]
    public async Task ACustomerWhoseAddressChangedNoLongerClaimsTheOldOne()
    {
        var customer = $"c-{Guid.NewGuid():N}";
        var old = $"old-{Guid.NewGuid():N}@example.com";
        await _writer.PostBatchAsync(Identify(customer, old, DateTimeOffset.UtcNow.AddDays(-2)));
        await _writer.PostBatchAsync(Identify(customer, $"new-{Guid.NewGuid():N}@example.com", DateTimeOffset.UtcNow.AddDays(-1)));

        Assert.Equal(HttpStatusCode.NotFound, (await _agent.GetAsync(Lookup(old))).StatusCode);
    }

    [Fact]
    public async Task AnIdThatIsAnAddressOrAFutureDatedClaimCannotSteerAnErasureOrAnExport()
    {
        var ada = $"ada-{Guid.NewGuid():N}";
        var email = $"{ada}@example.com";
        await _writer.PostBatchAsync(Identify(ada, email, DateTimeOffset.UtcNow.AddHours(-1)), Segment.Order(ada, "o-1", 80m));
        // A write key holder makes a decoy whose id is Ada's address, and claims the address a day in the future.
        Assert.Equal(HttpStatusCode.OK, (await _writer.PostBatchAsync(Segment.Page(email, "Decoy"))).StatusCode);
        var mallory = $"mallory-{Guid.NewGuid():N}";
        await _writer.PostBatchAsync(Identify(mallory, email, DateTimeOffset.UtcNow.AddHours(23)));

        // By address: both claimants, never a silent pick.
        var lookup = await _agent.GetAsync(Lookup(email));
        Assert.Equal(HttpStatusCode.Conflict, lookup.StatusCode);
        var candidates = (await lookup.Content.ReadFromJsonAsync<JsonObject>())!["candidates"]!.AsArray().Select(c => (string)c!["customerId"]!).ToList();
        Assert.Equal(new HashSet<string> { ada, mallory }, candidates.ToHashSet());

        // By id: the export and the erasure of the id that is an address act on that id (the decoy) only.
        var export = await _admin.GetFromJsonAsync<JsonObject>($"/api/customers/{Uri.EscapeDataString(email)}/export");
        Assert.Equal(email, (string)export!["customerId"]!);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/customers/{Uri.EscapeDataString(email)}")).StatusCode);
        var kept = await _agent.GetFromJsonAsync<JsonObject>($"/api/customers/{ada}");
        Assert.Equal(1, (int)kept!["frequency"]!);
        Assert.Equal(HttpStatusCode.OK, (await _agent.GetAsync($"/api/customers/{mallory}")).StatusCode);
    }

    [Fact]
    public async Task AnUnknownAddressIsNotFoundAndNoAddressIsABadRequest()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _agent.GetAsync(Lookup($"{Guid.NewGuid():N}@example.com"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _agent.GetAsync("/api/customers?email=not-an-address")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _agent.GetAsync("/api/customers")).StatusCode);
        // An address given as an id is an id: not found, with a pointer to the lookup.
        var byId = await _agent.GetAsync($"/api/customers/{Guid.NewGuid():N}%40example.com");
        Assert.Equal(HttpStatusCode.NotFound, byId.StatusCode);
        Assert.Contains("GET /api/customers", await byId.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static JsonObject Identify(string customer, string email, DateTimeOffset at)
    {
        var call = Segment.Identify(customer, new JsonObject { ["email"] = email });
        call["timestamp"] = at.ToString("O");
        return call;
    }
}
