using System.Net;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.OpenApi;

/// <summary>
/// <c>/openapi/v1.json</c> describes the whole REST API: every endpoint the app maps (read from its endpoint data source),
/// with request and response schemas, problem answers and both security schemes; and the document is valid OpenAPI.
/// </summary>
public sealed class OpenApiDocumentTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    /// <summary>Mapped endpoints that are not the REST API: the pages, the hub's transport, the Orleans dashboard, the reference itself.</summary>
    private static readonly string[] NotRest = ["/", "/dashboard", "/agent", "/segments", "/hubs/", "/orleans", "/openapi/", "/api-reference"];

    private readonly ProfilesApp _app = fixture.App;

    [Fact]
    public async Task TheDocumentIsValidOpenApiWithBothSecuritySchemes()
    {
        var (document, diagnostic) = await ReadAsync();

        Assert.Empty(diagnostic!.Errors);
        Assert.NotNull(document);
        var errors = document.Validate(ValidationRuleSet.GetDefaultRuleSet()).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Pointer}: {e.Message}")));
        var schemes = document.Components!.SecuritySchemes!;
        Assert.NotNull(schemes);
        Assert.Equal(SecuritySchemeType.Http, schemes["writeKey"].Type);
        Assert.Equal("basic", schemes["writeKey"].Scheme);
        Assert.Equal(SecuritySchemeType.Http, schemes["apiKey"].Type);
        Assert.Equal("bearer", schemes["apiKey"].Scheme);
    }

    [Fact]
    public async Task EveryEndpointTheAppMapsIsInTheDocumentAndEveryDocumentedOneIsMapped()
    {
        var (document, _) = await ReadAsync();
        var documented = document!.Paths.SelectMany(p => p.Value.Operations!.Keys.Select(m => (Method: m.Method, Route: p.Key))).ToHashSet();
        var mapped = AppEndpoints.Of(_app)
            .Where(e => !NotRest.Any(prefix => e.Route == prefix || (prefix.Length > 1 && e.Route.StartsWith(prefix, StringComparison.Ordinal))))
            .ToList();

        // Health checks take any method; the document lists GET and HEAD, the methods probes use.
        var missing = mapped.Where(e => e.Method == "*" ? !documented.Contains(("GET", e.Route)) : !documented.Contains((e.Method, e.Route))).ToList();
        var unmapped = documented.Where(d => !mapped.Any(e => e.Route == d.Route && (e.Method == d.Method || e.Method == "*"))).ToList();

        Assert.NotEmpty(mapped);
        Assert.True(missing.Count == 0, "Mapped but not in the OpenAPI document: " + string.Join(", ", missing.Select(e => $"{e.Method} {e.Route}")));
        Assert.True(unmapped.Count == 0, "In the OpenAPI document but not mapped: " + string.Join(", ", unmapped.Select(e => $"{e.Method} {e.Route}")));
    }

    [Fact]
    public async Task EveryOperationSaysWhoMayCallItAndDescribesItsAnswersAndProblems()
    {
        var (document, _) = await ReadAsync();

        foreach (var (path, item) in document!.Paths)
        {
            foreach (var (method, operation) in item.Operations!)
            {
                var name = $"{method} {path}";
                Assert.True(operation.Responses is { Count: > 0 }, $"{name} has no responses");
                var success = operation.Responses!.Where(r => r.Key.StartsWith('2')).ToList();
                Assert.True(success.Count > 0, $"{name} has no success answer");
                if (path.StartsWith("/health", StringComparison.Ordinal))
                {
                    Assert.Empty(operation.Security!);
                    continue;
                }

                var scheme = Assert.Single(Assert.Single(operation.Security!).Keys).Reference.Id;
                Assert.Equal(path.StartsWith("/v1/", StringComparison.Ordinal) ? "writeKey" : "apiKey", scheme);
                Assert.True(operation.Responses!.ContainsKey("401"), $"{name} does not describe its 401");
                foreach (var (status, response) in operation.Responses.Where(r => r.Key[0] is '4' or '5'))
                    Assert.True(response.Content?.ContainsKey("application/problem+json") == true, $"{name} {status} is not a problem answer");
                foreach (var (status, response) in success.Where(r => r.Key != "204"))
                    Assert.True(response.Content is { Count: > 0 } content && content.Values.All(c => c.Schema is not null), $"{name} {status} has no schema");
            }
        }
    }

    [Theory]
    [InlineData("/v1/batch", "SegmentBatchRequest")]
    [InlineData("/v1/track", "SegmentCallRequest")]
    [InlineData("/v1/alias", "SegmentCallRequest")]
    public async Task TheIngestEndpointsDescribeTheirSegmentBodiesAndTheAnswer(string path, string body)
    {
        var (document, _) = await ReadAsync();

        var operation = document!.Paths[path].Operations![HttpMethod.Post];

        var request = operation.RequestBody!.Content!["application/json"].Schema!;
        Assert.Equal(body, Assert.IsType<OpenApiSchemaReference>(request).Reference.Id);
        var answer = operation.Responses!["200"].Content!["application/json"].Schema!;
        Assert.Equal("IngestResponse", Assert.IsType<OpenApiSchemaReference>(answer).Reference.Id);
        foreach (var status in new[] { "400", "401", "413", "429", "503" }) Assert.True(operation.Responses.ContainsKey(status), $"{path} does not describe {status}");
        Assert.Contains("type", document.Components!.Schemas![body].Properties!.Keys.Concat(document.Components.Schemas["SegmentCallRequest"].Properties!.Keys));
    }

    [Fact]
    public async Task TheApiReferencePageIsServedWithItsScriptsFromThisService()
    {
        using var client = _app.CreateClient();

        using var page = await client.GetAsync(new Uri("/api-reference/", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
        Assert.NotEmpty(await ScriptsOfAsync(client, html));
        Assert.DoesNotContain("cdn.", html, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<string> ScriptsOfAsync(HttpClient client, string html)
    {
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "src=\"([^\"]+)\"").Select(m => m.Groups[1].Value);
        var text = new System.Text.StringBuilder();
        foreach (var script in scripts)
        {
            using var response = await client.GetAsync(new Uri(new Uri(client.BaseAddress!, "/api-reference/"), script));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text.Append(await response.Content.ReadAsStringAsync());
        }
        return text.ToString();
    }

    private async Task<ReadResult> ReadAsync()
    {
        using var client = _app.CreateClient();
        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return OpenApiDocument.Parse(await response.Content.ReadAsStringAsync(), "json");
    }
}
