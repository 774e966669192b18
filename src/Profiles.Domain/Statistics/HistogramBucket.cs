namespace Profiles.Domain.Statistics;

/// <summary>How many values fell into one bucket and what they add up to (negative in a delta that removes values).</summary>
[GenerateSerializer, Immutable]
public readonly record struct HistogramBucket([property: Id(0)] long Count, [property: Id(1)] decimal Sum);
