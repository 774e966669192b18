namespace Profiles.Abstractions.CustomSegments;

/// <summary>What a definition did.</summary>
public enum CustomSegmentDefinitionOutcome
{
    /// <summary>A new segment.</summary>
    Created,

    /// <summary>A segment of that name got a new condition (a new generation, backfilled again).</summary>
    Updated,

    /// <summary>The segment already had that condition: nothing changed.</summary>
    Unchanged,

    /// <summary>The catalog holds as many segments as it may: nothing changed.</summary>
    LimitReached,
}
