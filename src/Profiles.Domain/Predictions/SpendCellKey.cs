namespace Profiles.Domain.Predictions;

/// <summary>
/// Where a repeat customer falls in <see cref="BtydPopulation"/>'s spend cells: its repeat-purchase key and the 2% wide
/// logarithmic bucket of its mean repeat value.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct SpendCellKey(
    [property: Id(0)] int RepeatKey,
    [property: Id(1)] int ValueBucket);
