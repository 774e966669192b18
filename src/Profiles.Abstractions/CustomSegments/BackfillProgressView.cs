namespace Profiles.Abstractions.CustomSegments;

/// <summary>
/// How far a segment's walk over every known customer is: customers walked of the customers listed when it started, and
/// whether it is done (or was superseded by a newer definition of the segment, which walks again).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BackfillProgressView
{
    [Id(0)] public long Walked { get; init; }

    /// <summary>Customers listed in the index when the walk started.</summary>
    [Id(1)] public long Total { get; init; }

    [Id(2)] public bool Done { get; init; }

    [Id(3)] public bool Superseded { get; init; }

    [Id(4)] public DateTimeOffset? StartedAt { get; init; }

    [Id(5)] public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The index shards walked completely (of <c>AudienceShards.Count</c>).</summary>
    [Id(6)] public int ShardsDone { get; init; }

    /// <summary>The fraction done, 0 to 1: 1 once done; otherwise walked of total (at most 0.999 until the last shard is done).</summary>
    public double Fraction => Done ? 1 : Total <= 0 ? 0 : Math.Min(0.999, (double)Walked / Total);
}
