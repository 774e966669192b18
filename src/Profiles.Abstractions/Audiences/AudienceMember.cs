using System.Collections.Immutable;

namespace Profiles.Abstractions.Audiences;

/// <summary>One listed customer: its id, the stamp of its listing and its class in each dimension the query asked for (null: none).</summary>
[GenerateSerializer, Immutable]
public sealed record AudienceMember(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] long Stamp,
    [property: Id(2)] ImmutableArray<string?> Classes);
