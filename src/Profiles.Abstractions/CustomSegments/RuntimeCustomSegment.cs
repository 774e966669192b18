namespace Profiles.Abstractions.CustomSegments;

/// <summary>
/// A custom segment defined at runtime (<c>PUT /api/segments/{name}</c>): its name, its condition as written, the
/// catalog version that defined it (its generation: a new condition is a new generation) and when.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RuntimeCustomSegment(
    [property: Id(0)] string Name,
    [property: Id(1)] string Condition,
    [property: Id(2)] long Generation,
    [property: Id(3)] DateTimeOffset DefinedAt)
{
    /// <summary>The key of the backfill that evaluates every known customer against this generation.</summary>
    public string WalkKey => CustomSegmentWalk.KeyOf(Name, Generation);
}
