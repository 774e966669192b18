using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Profiles.Host.Apis;

namespace Profiles.Host.OpenApi;

/// <summary>
/// The names under which the OpenAPI document publishes its schemas. They are part of what clients see (a generated
/// client names its types after them), so a C# type renamed for the code's sake keeps its published name here;
/// every other type is published under its own name.
/// </summary>
public static class PublishedSchemaNames
{
    private static readonly Dictionary<Type, string> Kept = new()
    {
        [typeof(CustomSegmentDefinitionRequest)] = "SegmentDefinitionRequest",
        [typeof(CustomSegmentResponse)] = "SegmentResponse",
        [typeof(CustomSegmentsResponse)] = "SegmentsResponse",
    };

    /// <summary>The published name of a request body's schema (<see cref="RequestBodyTransformer"/>).</summary>
    public static string Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Kept.TryGetValue(type, out var name) ? name : type.Name;
    }

    /// <summary>The schema reference id of <paramref name="type"/> (for <see cref="OpenApiOptions.CreateSchemaReferenceId"/>).</summary>
    public static string? Of(JsonTypeInfo type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Kept.TryGetValue(type.Type, out var name) ? name : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
    }
}
