namespace Profiles.Abstractions.CustomSegments;

/// <summary>The answer to a definition: what it did, and the segment as it now stands (null when the limit was reached).</summary>
[GenerateSerializer, Immutable]
public sealed record CustomSegmentDefinitionResult(
    [property: Id(0)] CustomSegmentDefinitionOutcome Outcome,
    [property: Id(1)] RuntimeCustomSegment? Segment);
