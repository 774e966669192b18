namespace Profiles.Abstractions.Views;

/// <summary>A customer's class in one dimension: the value, why, since when and which event caused it.</summary>
[GenerateSerializer, Immutable]
public sealed record ClassView(
    [property: Id(0)] string Value,
    [property: Id(1)] string Reason,
    [property: Id(2)] DateTimeOffset Since,
    [property: Id(3)] string? CausedBy);
