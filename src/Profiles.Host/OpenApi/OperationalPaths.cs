using System.Net.Http;
using Microsoft.OpenApi;
using Profiles.Host.Hosting;

namespace Profiles.Host.OpenApi;

/// <summary>
/// The health probes and <c>/metrics</c> in the document: they are mapped as middleware (health checks, the Prometheus
/// exporter), which the endpoint description does not see.
/// </summary>
internal static class OperationalPaths
{
    public static void AddTo(OpenApiDocument document)
    {
        document.Paths ??= [];
        document.Paths[OperationsHostingExtensions.LivePath] = Probe(
            "Liveness",
            "200 while the process serves HTTP; never depends on storage, so a storage outage does not restart silos.",
            unhealthy: false);
        document.Paths[OperationsHostingExtensions.ReadyPath] = Probe(
            "Readiness",
            "200 while this silo is active in cluster membership and, with Azure Table storage, the profile table answers; otherwise 503.",
            unhealthy: true);

        var metrics = Operation("Metrics", "Prometheus metrics",
            "Orleans', ASP.NET Core's, the runtime's and the Profiles meters in the Prometheus text format (admin role).");
        metrics.Responses = new OpenApiResponses
        {
            ["200"] = Text("The metrics."),
            ["401"] = Problem("No API key, or an unknown one."),
            ["403"] = Problem("The API key's role is not admin."),
        };
        metrics.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ProfilesDocumentTransformer.ApiKeyScheme, document)] = [] }];
        document.Paths[OperationsHostingExtensions.MetricsPath] = new OpenApiPathItem { Operations = new() { [HttpMethod.Get] = metrics } };
    }

    private static OpenApiPathItem Probe(string name, string description, bool unhealthy)
    {
        var operation = Operation("Health", name, description);
        operation.Security = [];
        operation.Responses = new OpenApiResponses { ["200"] = Text("Healthy") };
        if (unhealthy) operation.Responses["503"] = Text("Unhealthy (with Retry-After)");
        return new OpenApiPathItem { Operations = new() { [HttpMethod.Get] = operation, [HttpMethod.Head] = operation } };
    }

    private static OpenApiOperation Operation(string tag, string summary, string description) => new()
    {
        Tags = new HashSet<OpenApiTagReference> { new(tag) },
        Summary = summary,
        Description = description,
    };

    private static OpenApiResponse Text(string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
    };

    internal static OpenApiResponse Problem(string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails") } },
    };
}
