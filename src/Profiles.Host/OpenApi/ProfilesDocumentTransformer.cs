using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Profiles.Host.OpenApi;

/// <summary>
/// The document as a whole: what the service is, both security schemes (a write key in HTTP Basic, an API key as a
/// bearer token), and the operational endpoints that are middleware rather than handlers (health probes, metrics).
/// </summary>
public sealed class ProfilesDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string WriteKeyScheme = "writeKey";
    public const string ApiKeyScheme = "apiKey";

    /// <inheritdoc />
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info = new OpenApiInfo
        {
            Title = "Profiles",
            Version = "v1",
            Description =
                "Real-time customer profiles. Websites and apps send events with any Segment-compatible SDK to /v1 " +
                "(a write key in HTTP Basic); back offices, dashboards and support agents read profiles and statistics " +
                "from /api with an API key (Authorization: Bearer) whose role the endpoint names. Every error is a " +
                "problem-details body; every 429 and 503 carries Retry-After.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[WriteKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "basic",
            Description = "A write key as the HTTP Basic user name, with an empty password (as Segment SDKs send it). Older clients may send it as \"writeKey\" in the JSON body instead.",
        };
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key (Profiles:Auth:ApiKeys) as a bearer token; each key has one role: agent, ops or admin.",
        };
        OperationalPaths.AddTo(document);
        return Task.CompletedTask;
    }
}
