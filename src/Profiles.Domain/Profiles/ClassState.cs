namespace Profiles.Domain.Profiles;

/// <summary>The class a customer holds in one dimension, why, and since when.</summary>
[GenerateSerializer, Immutable]
public sealed record ClassState(
    [property: Id(0)] string Value,
    [property: Id(1)] string Reason,
    [property: Id(2)] DateTimeOffset Since,
    [property: Id(3)] string? CausedBy);
