using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Profiles.Host.OpenApi;

/// <summary>Describes the request body of an endpoint marked with <see cref="DocumentedBody"/>, as a schema of the document's components.</summary>
public sealed class RequestBodyTransformer : IOpenApiOperationTransformer
{
    /// <inheritdoc />
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<DocumentedBody>().LastOrDefault() is not { } body) return;

        var name = PublishedSchemaNames.Of(body.Type);
        var document = context.Document!;
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(name))
            document.Components.Schemas[name] = await context.GetOrCreateSchemaAsync(body.Type, cancellationToken: cancellationToken);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = new OpenApiSchemaReference(name, document) },
            },
        };
    }
}
