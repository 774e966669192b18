namespace Profiles.Abstractions.Segments;

/// <summary>The answer to a definition: what it did, and the segment as it now stands (null when the limit was reached).</summary>
[GenerateSerializer, Immutable]
public sealed record SegmentDefinition(
    [property: Id(0)] SegmentDefinitionOutcome Outcome,
    [property: Id(1)] RuntimeSegment? Segment);
