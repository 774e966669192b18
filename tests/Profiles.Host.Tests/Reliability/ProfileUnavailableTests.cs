using System.Net;
using System.Text.Json.Nodes;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Reliability;

/// <summary>
/// A customer whose profile cannot be stored answers every API the same way: 503 with <c>Retry-After</c> and a problem
/// that says which customer could not be stored, never storage's own words.
/// </summary>
public sealed class ProfileUnavailableTests
{
    [Fact]
    public async Task AnErasureThatCannotBeStoredAnswers503WithRetryAfterNamingTheCustomerAndKeepsTheProfile()
    {
        var storage = new StorageSwitch();
        await using var app = new ProfilesApp(services: storage.Install);
        var customer = $"c-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.OK, (await app.WriteClient().PostBatchAsync(Segment.Order(customer, "o-1", 25m))).StatusCode);

        storage.Failing = true;
        var response = await app.ApiClient(TestKeys.Admin).DeleteAsync($"/api/customers/{customer}");
        storage.Failing = false;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(503, (int)problem["status"]!);
        Assert.Equal("Storage is unavailable; retry later", (string)problem["title"]!);
        Assert.Equal(
            $"The profile of customer '{customer}' could not be stored or loaded right now; nothing of this request may be considered done.",
            (string)problem["detail"]!);
        Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.ApiClient(TestKeys.Agent).GetAsync($"/api/customers/{customer}")).StatusCode);
    }
}
