using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Ingest;

/// <summary>Requests exactly as Segment-compatible SDKs send them, pointed at the service through their host option.</summary>
public sealed class SegmentSdkCompatibilityTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly HttpClient _agent = fixture.App.ApiClient(TestKeys.Agent);

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private HttpRequestMessage Post(string body, bool basic, bool gzip = false, string userAgent = "analytics-node-next/latest")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        if (gzip)
        {
            using var compressed = new MemoryStream();
            using (var zip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) zip.Write(bytes);
            bytes = compressed.ToArray();
        }
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (gzip) content.Headers.ContentEncoding.Add("gzip");
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.App.BaseAddress, "/v1/batch")) { Content = content };
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        if (basic) request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(TestKeys.Write + ":")));
        return request;
    }

    private async Task<JsonObject> ProfileAsync(string id) => (await _agent.GetFromJsonAsync<JsonObject>($"/api/customers/{id}"))!;

    [Fact]
    public async Task ABatchAsSegmentsAnalyticsNode310SendsItIsAccepted()
    {
        var user = $"user-{Guid.NewGuid():N}";
        var anonymous = Guid.NewGuid().ToString();
        var now = DateTimeOffset.UtcNow;
        var ms = now.ToUnixTimeMilliseconds();
        // POST /v1/batch, Basic auth and writeKey in the body, sentAt, context.library, _metadata, integrations,
        // messageId "node-next-<ms>-<uuid>", no gzip: the body @segment/analytics-node 3.1.0 serialises.
        var body = $$$"""
            {"batch":[{"type":"identify","traits":{"email":"lin@example.com","name":"Lin"},"userId":"{{{user}}}","anonymousId":"{{{anonymous}}}","options":{},"integrations":{},"context":{"library":{"name":"@segment/analytics-node","version":"3.1.0"}},"timestamp":"{{{Stamp(now.AddSeconds(-2))}}}","messageId":"node-next-{{{ms - 2000}}}-{{{Guid.NewGuid()}}}","_metadata":{"nodeVersion":"22.11.0","jsRuntime":"node"}},{"type":"track","event":"Order Completed","properties":{"order_id":"50314b8e9bcf000000000000","checkout_id":"fksdjfsdjfisjf9sdfjsd9f","total":27.5,"revenue":25,"shipping":3,"tax":2,"discount":2.5,"coupon":"hasbros","currency":"USD","products":[{"product_id":"507f1f77bcf86cd799439011","sku":"45790-32","name":"Monopoly: 3rd Edition","price":19,"quantity":1}]},"userId":"{{{user}}}","anonymousId":"{{{anonymous}}}","options":{},"integrations":{},"context":{"library":{"name":"@segment/analytics-node","version":"3.1.0"}},"timestamp":"{{{Stamp(now.AddSeconds(-1))}}}","messageId":"node-next-{{{ms - 1000}}}-{{{Guid.NewGuid()}}}","_metadata":{"nodeVersion":"22.11.0","jsRuntime":"node"}},{"type":"page","name":"Pricing","properties":{"path":"/pricing","url":"https://example.com/pricing","title":"Pricing","referrer":"","search":""},"userId":"{{{user}}}","options":{},"integrations":{},"context":{"library":{"name":"@segment/analytics-node","version":"3.1.0"}},"timestamp":"{{{Stamp(now)}}}","messageId":"node-next-{{{ms}}}-{{{Guid.NewGuid()}}}","_metadata":{"nodeVersion":"22.11.0","jsRuntime":"node"}}],"writeKey":"{{{TestKeys.Write}}}","sentAt":"{{{Stamp(now)}}}"}
            """;

        using var client = new HttpClient();
        var response = await client.SendAsync(Post(body, basic: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(3, (int)answer["accepted"]!);
        Assert.Empty(answer["rejected"]!.AsArray());
        var profile = await ProfileAsync(user);
        Assert.Equal(25m, (decimal)profile["monetary"]!);
        Assert.Equal("lin@example.com", (string)profile["traits"]!["email"]!);
    }

    [Fact]
    public async Task AGzippedBatchAsRudderStacksNodeSdkSendsItIsAccepted()
    {
        var user = $"user-{Guid.NewGuid():N}";
        var now = DateTimeOffset.UtcNow;
        var body = $$$"""
            {"batch":[{"channel":"server","context":{"library":{"name":"analytics-node","version":"3.0.12"}},"type":"track","event":"Order Completed","properties":{"order_id":"o-77","revenue":42.5,"currency":"EUR"},"userId":"{{{user}}}","integrations":{"All":true},"_metadata":{"nodeVersion":"20.18.0"},"originalTimestamp":"{{{Stamp(now.AddSeconds(-3))}}}","timestamp":"{{{Stamp(now.AddSeconds(-3))}}}","messageId":"{{{Guid.NewGuid()}}}","type":"track"},{"channel":"server","context":{"library":{"name":"analytics-node","version":"3.0.12"}},"type":"screen","name":"Home","properties":{},"userId":"{{{user}}}","integrations":{"All":true},"_metadata":{"nodeVersion":"20.18.0"},"originalTimestamp":"{{{Stamp(now.AddSeconds(-2))}}}","messageId":"{{{Guid.NewGuid()}}}"}],"sentAt":"{{{Stamp(now)}}}"}
            """;

        using var client = new HttpClient();
        var response = await client.SendAsync(Post(body, basic: true, gzip: true, userAgent: "axios/1.7.7"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (int)(await response.Content.ReadFromJsonAsync<JsonObject>())!["accepted"]!);
        var profile = await ProfileAsync(user);
        Assert.Equal(1, (int)profile["frequency"]!);
        Assert.Equal(1, (int)profile["engagement"]!["screenViews"]!);
    }

    [Fact]
    public async Task AWriteKeyOnlyInTheBodyIsAcceptedAsOlderClientsSendIt()
    {
        var user = $"user-{Guid.NewGuid():N}";
        var body = $$"""{"batch":[{"type":"page","userId":"{{user}}","name":"Home"}],"writeKey":"{{TestKeys.Write}}"}""";

        using var client = new HttpClient();
        var response = await client.SendAsync(Post(body, basic: false));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (int)(await ProfileAsync(user))["engagement"]!["pageViews"]!);
    }

    [Fact]
    public async Task ASingleCallWithTheWriteKeyInTheBodyIsAccepted()
    {
        var user = $"user-{Guid.NewGuid():N}";
        var body = $$"""{"userId":"{{user}}","event":"Signed Up","writeKey":"{{TestKeys.Write}}"}""";
        var request = Post(body, basic: false);
        request.RequestUri = new Uri(fixture.App.BaseAddress, "/v1/track");

        using var client = new HttpClient();
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"batch":[{"type":"page","userId":"u","name":"Home"}],"writeKey":"not-a-key"}""", "not known")]
    [InlineData("""{"batch":[{"type":"page","userId":"u","name":"Home"}]}""", "write key")]
    [InlineData("""{"batch":[{"type":"page","userId":"u","name":"Home"}],"writeKey":"agent-test-key"}""", "write key")]
    [InlineData("""{"batch": [ not json""", "write key")]
    public async Task WithoutBasicABodyWithoutAValidWriteKeyIsUnauthorizedAndNothingIsKept(string body, string reason)
    {
        using var client = new HttpClient();
        var response = await client.SendAsync(Post(body.Replace("agent-test-key", TestKeys.Agent, StringComparison.Ordinal), basic: false));

        await IngestApiTests.AssertProblem(response, HttpStatusCode.Unauthorized, reason);
        Assert.Contains("Basic", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _agent.GetAsync("/api/customers/u")).StatusCode);
    }

    [Fact]
    public async Task AWriteKeyInTheBodyDoesNotOpenTheReadApis()
    {
        using var client = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.App.BaseAddress, "/api/customers/u"))
        {
            Content = new StringContent($$"""{"writeKey":"{{TestKeys.Write}}"}""", Encoding.UTF8, "application/json"),
        };

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
