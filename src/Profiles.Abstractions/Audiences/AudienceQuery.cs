using System.Collections.Immutable;

namespace Profiles.Abstractions.Audiences;

/// <summary>
/// A page of one shard's members: those in every class of <see cref="Terms"/> (none: every listed customer), in ordinal
/// order of their ids after <see cref="After"/>, at most <see cref="Limit"/>, each with its class in each of
/// <see cref="Dimensions"/>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AudienceQuery
{
    [Id(0)] public ImmutableArray<AudienceTerm> Terms { get; init; } = [];

    /// <summary>The id the previous page ended with; null for the first page.</summary>
    [Id(1)] public string? After { get; init; }

    [Id(2)] public int Limit { get; init; } = 100;

    /// <summary>Dimensions whose class each member is listed with (<see cref="AudienceMember.Classes"/>, in this order).</summary>
    [Id(3)] public ImmutableArray<string> Dimensions { get; init; } = [];
}
