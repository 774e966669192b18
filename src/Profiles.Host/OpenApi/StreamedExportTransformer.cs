using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Profiles.Host.OpenApi;

/// <summary>Adds the text formats of a <see cref="StreamedExport"/> endpoint to its 200 answer, each a string.</summary>
public sealed class StreamedExportTransformer : IOpenApiOperationTransformer
{
    /// <inheritdoc />
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<StreamedExport>().LastOrDefault() is not { } export) return Task.CompletedTask;
        if (operation.Responses?.TryGetValue("200", out var response) != true || response is not OpenApiResponse ok) return Task.CompletedTask;
        ok.Content ??= new Dictionary<string, OpenApiMediaType>();
        foreach (var type in export.ContentTypes)
            ok.Content[type] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        return Task.CompletedTask;
    }
}
