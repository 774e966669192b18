using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Ingest;

public sealed class IngestApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly HttpClient _writer = fixture.App.WriteClient();
    private readonly HttpClient _agent = fixture.App.ApiClient(TestKeys.Agent);

    private static string NewCustomer() => $"customer-{Guid.NewGuid():N}";

    [Fact]
    public async Task EventsSentInABatchShowInTheCustomersProfile()
    {
        var customer = NewCustomer();
        var response = await _writer.PostBatchAsync(
            Segment.Identify(customer, new JsonObject { ["email"] = "ada@example.com", ["address"] = new JsonObject { ["city"] = "Berlin" } }),
            Segment.Order(customer, "o-1", 120m),
            Segment.Order(customer, "o-2", 80m),
            Segment.Page(customer, "Home"),
            Segment.Survey(customer, csat: 5));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(5, (int)answer!["accepted"]!);
        Assert.Empty(answer["rejected"]!.AsArray());

        var profile = await _agent.GetFromJsonAsync<JsonObject>($"/api/customers/{customer}");
        Assert.Equal(customer, (string)profile!["customerId"]!);
        Assert.Equal(0, (int)profile["recency"]!);
        Assert.Equal(2, (int)profile["frequency"]!);
        Assert.Equal(200m, (decimal)profile["monetary"]!);
        Assert.Equal(5, (int)profile["scores"]!["r"]!);
        Assert.Equal("new", (string)profile["lifecycle"]!);
        Assert.Equal("potential-loyalists", (string)profile["segment"]!);
        Assert.Equal("satisfied", (string)profile["satisfaction"]!);
        Assert.Equal("C", (string)profile["valueTier"]!);
        Assert.Equal("Berlin", (string)profile["traits"]!["address.city"]!);
        Assert.Equal(5, profile["recentEvents"]!.AsArray().Count);
        var lifecycle = profile["classes"]!["lifecycle"]!;
        Assert.NotNull((string?)lifecycle["since"]);
        Assert.Contains("first order", (string)lifecycle["reason"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARetriedBatchIsNotCountedTwice()
    {
        var customer = NewCustomer();
        var order = Segment.Order(customer, "o-1", 50m, messageId: "retry-me");
        Assert.Equal(HttpStatusCode.OK, (await _writer.PostBatchAsync(order.DeepClone().AsObject())).StatusCode);
        var retry = await _writer.PostBatchAsync(order.DeepClone().AsObject());
        var answer = await retry.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(1, (int)answer!["duplicates"]!);

        var profile = await _agent.GetFromJsonAsync<JsonObject>($"/api/customers/{customer}");
        Assert.Equal(1, (int)profile!["frequency"]!);
        Assert.Equal(50m, (decimal)profile["monetary"]!);
        Assert.Equal(1, (int)profile["eventsApplied"]!);
    }

    [Fact]
    public async Task AResentFullBatchForOneCustomerIsRecognisedWholeEvenAfterAnUnload()
    {
        var customer = NewCustomer();
        var body = Segment.Batch([.. Enumerable.Range(0, 2500).Select(i => Segment.Page(customer, $"p{i}"))]).ToJsonString();
        using var first = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var stored = await (await _writer.PostAsync("/v1/batch", first)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal((2500, 0), ((int)stored!["accepted"]!, (int)stored["duplicates"]!));

        await fixture.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        using var again = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var resent = await (await _writer.PostAsync("/v1/batch", again)).Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal((2500, 2500), ((int)resent!["accepted"]!, (int)resent["duplicates"]!));
        var profile = await _agent.GetFromJsonAsync<JsonObject>($"/api/customers/{customer}");
        Assert.Equal(2500, (int)profile!["eventsApplied"]!);
    }

    [Fact]
    public async Task ARetryAfterTheCustomerWasUnloadedIsStillRecognised()
    {
        var customer = NewCustomer();
        var order = Segment.Order(customer, "o-1", 50m, messageId: "before-unload");
        await _writer.PostBatchAsync(order.DeepClone().AsObject());

        var grains = fixture.App.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var retry = await (await _writer.PostBatchAsync(order.DeepClone().AsObject())).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(1, (int)retry!["duplicates"]!);
        var profile = await _agent.GetFromJsonAsync<JsonObject>($"/api/customers/{customer}");
        Assert.Equal(1, (int)profile!["eventsApplied"]!);
    }

    [Fact]
    public async Task ABadEventIsRejectedWithItsIndexAndReasonAndTheRestAreKept()
    {
        var customer = NewCustomer();
        var bad = Segment.Order(customer, "o-bad", 10m, messageId: "bad-amount");
        bad["properties"]!["revenue"] = "lots";
        var unknownCurrency = Segment.Order(customer, "o-x", 10m, messageId: "bad-currency", currency: "XYZ");
        var noIds = new JsonObject { ["type"] = "track", ["event"] = "Clicked", ["messageId"] = "no-ids" };

        var response = await _writer.PostBatchAsync(Segment.Order(customer, "o-1", 30m), bad, unknownCurrency, noIds, Segment.Page(customer, "Home"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(2, (int)answer!["accepted"]!);
        var rejected = answer["rejected"]!.AsArray().Select(r => ((int)r!["index"]!, (string)r["messageId"]!, (string)r["reason"]!)).ToList();
        Assert.Equal([1, 2, 3], rejected.Select(r => r.Item1));
        Assert.Equal(["bad-amount", "bad-currency", "no-ids"], rejected.Select(r => r.Item2));
        Assert.Contains("revenue", rejected[0].Item3, StringComparison.Ordinal);
        Assert.Contains("XYZ", rejected[1].Item3, StringComparison.Ordinal);
        Assert.Contains("userId", rejected[2].Item3, StringComparison.Ordinal);

        var profile = await _agent.GetFromJsonAsync<JsonObject>($"/api/customers/{customer}");
        Assert.Equal(1, (int)profile!["frequency"]!);
        Assert.Equal(30m, (decimal)profile["monetary"]!);
        Assert.Equal(2, (int)profile["eventsApplied"]!);
    }

    [Fact]
    public async Task MalformedJsonIsABadRequestWithAProblemBody()
    {
        using var content = new StringContent("{\"batch\": [", Encoding.UTF8, "application/json");
        var response = await _writer.PostAsync("/v1/batch", content);
        await AssertProblem(response, HttpStatusCode.BadRequest, "not valid JSON");
    }

    [Fact]
    public async Task AWrongContentTypeIsABadRequest()
    {
        using var content = new StringContent("{\"batch\": []}", Encoding.UTF8, "text/csv");
        var response = await _writer.PostAsync("/v1/batch", content);
        await AssertProblem(response, HttpStatusCode.BadRequest, "Content-Type");
    }

    [Fact]
    public async Task ABodyWithoutABatchArrayIsABadRequest()
    {
        var response = await _writer.PostAsJsonAsync("/v1/batch", new { events = Array.Empty<object>() });
        await AssertProblem(response, HttpStatusCode.BadRequest, "batch");
    }

    [Fact]
    public async Task ABodyOverTheLimitIsTooLarge()
    {
        var huge = new string('x', 600 * 1024);
        using var content = new StringContent($"{{\"batch\": [], \"pad\": \"{huge}\"}}", Encoding.UTF8, "application/json");
        var response = await _writer.PostAsync("/v1/batch", content);
        await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge, "larger than");
    }

    [Fact]
    public async Task ARejectedSingleCallIsABadRequestThatSaysWhy()
    {
        var customer = NewCustomer();
        var response = await _writer.PostAsJsonAsync("/v1/track", new { userId = customer, @event = "Survey Responded", properties = new { csat = 9 } });
        await AssertProblem(response, HttpStatusCode.BadRequest, "csat");
        Assert.Equal(HttpStatusCode.NotFound, (await _agent.GetAsync($"/api/customers/{customer}")).StatusCode);
    }

    [Fact]
    public async Task EverySingleCallPathIsAccepted()
    {
        var customer = NewCustomer();
        Assert.Equal(HttpStatusCode.OK, (await _writer.PostAsJsonAsync("/v1/identify", new { userId = customer, traits = new { email = "x@example.com" } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _writer.PostAsJsonAsync("/v1/track", new { userId = customer, @event = "Order Completed", properties = new { order_id = "o1", total = 12.5 } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _writer.PostAsJsonAsync("/v1/page", new { userId = customer, name = "Pricing" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _writer.PostAsJsonAsync("/v1/screen", new { userId = customer, name = "Cart" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _writer.PostAsJsonAsync("/v1/alias", new { userId = customer, previousId = "anon-1" })).StatusCode);

        var profile = await _agent.GetFromJsonAsync<JsonObject>($"/api/customers/{customer}");
        Assert.Equal(1, (int)profile!["frequency"]!);
        Assert.Equal(1, (int)profile["engagement"]!["pageViews"]!);
        Assert.Equal(1, (int)profile["engagement"]!["screenViews"]!);
        Assert.Equal("anon-1", (string)profile["identities"]![0]!);
        Assert.Equal("x@example.com", (string)profile["traits"]!["email"]!);
    }

    [Fact]
    public async Task AGzipBodyIsAccepted()
    {
        var customer = NewCustomer();
        var json = JsonSerializer.SerializeToUtf8Bytes(Segment.Batch(Segment.Order(customer, "o-1", 42m)));
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) await gzip.WriteAsync(json);
        using var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = new("application/json");
        content.Headers.ContentEncoding.Add("gzip");

        Assert.Equal(HttpStatusCode.OK, (await _writer.PostAsync("/v1/batch", content)).StatusCode);
        var profile = await _agent.GetFromJsonAsync<JsonObject>($"/api/customers/{customer}");
        Assert.Equal(42m, (decimal)profile!["monetary"]!);
    }

    [Theory]
    [InlineData("a/b#1?x%y")]
    [InlineData("ümlaut name with spaces")]
    [InlineData("back\\slash_and_%2F")]
    public async Task CustomerIdsWithReservedCharactersRoundTrip(string customer)
    {
        Assert.Equal(HttpStatusCode.OK, (await _writer.PostBatchAsync(Segment.Order(customer, "o-1", 10m))).StatusCode);
        var profile = await _agent.GetFromJsonAsync<JsonObject>($"/api/customers/{Uri.EscapeDataString(customer)}");
        Assert.Equal(customer, (string)profile!["customerId"]!);
        Assert.Equal(1, (int)profile["frequency"]!);
    }

    [Fact]
    public async Task AnUnknownCustomerIsNotFound()
    {
        var response = await _agent.GetAsync($"/api/customers/{NewCustomer()}");
        await AssertProblem(response, HttpStatusCode.NotFound, "No customer");
    }

    [Fact]
    public async Task ConcurrentBatchesForOneCustomerAreAllKept()
    {
        var customer = NewCustomer();
        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => _writer.PostBatchAsync(Segment.Order(customer, $"o-{i}", 10m))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var profile = await _agent.GetFromJsonAsync<JsonObject>($"/api/customers/{customer}");
        Assert.Equal(40, (int)profile!["frequency"]!);
        Assert.Equal(400m, (decimal)profile["monetary"]!);
    }

    internal static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string detailContains)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal((int)status, (int)problem!["status"]!);
        Assert.Contains(detailContains, (string)problem["detail"]!, StringComparison.OrdinalIgnoreCase);
    }
}
