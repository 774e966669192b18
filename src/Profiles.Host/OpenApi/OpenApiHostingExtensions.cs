using Scalar.AspNetCore;

namespace Profiles.Host.OpenApi;

/// <summary>
/// The REST API described by an OpenAPI document at <c>/openapi/v1.json</c> (Microsoft.AspNetCore.OpenApi), and an API
/// reference page that reads it at <c>/api-reference</c> (Scalar). Both are public: they describe, they hold no data.
/// </summary>
public static class OpenApiHostingExtensions
{
    public const string DocumentName = "v1";
    /// <summary>A fixed path (the one document there is): any other name is an unknown route, answered with a problem like every 404.</summary>
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/api-reference";

    public static WebApplicationBuilder AddProfilesOpenApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOpenApi(DocumentName, options =>
        {
            options.CreateSchemaReferenceId = PublishedSchemaNames.Of;
            options.AddDocumentTransformer<ProfilesDocumentTransformer>();
            options.AddOperationTransformer<OperationSecurityTransformer>();
            options.AddOperationTransformer<RequestBodyTransformer>();
            options.AddOperationTransformer<StreamedExportTransformer>();
        });
        return builder;
    }

    public static WebApplication MapProfilesOpenApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi(DocumentPath).AllowAnonymous();
        app.MapScalarApiReference(ReferencePath, options => options
                .WithTitle("Profiles API")
                // No fonts from Scalar's CDN: the page works offline, with the system's fonts.
                .DisableDefaultFonts()
                // Nothing that calls Scalar's services: no telemetry, no AI agent, no hosted developer tools.
                .DisableTelemetry()
                .DisableAgent()
                .HideDeveloperTools()
                .WithOpenApiRoutePattern(DocumentPath))
            .AllowAnonymous();
        return app;
    }
}
