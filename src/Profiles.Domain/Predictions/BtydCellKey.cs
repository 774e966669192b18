namespace Profiles.Domain.Predictions;

/// <summary>
/// Where a customer falls in <see cref="BtydPopulation"/>: its repeat purchases (exact up to a bound, then in 15% wide
/// buckets), the week of its first purchase and the days from first to last purchase (exact for two weeks, then in 15%
/// wide buckets). See <see cref="BtydPopulation.KeyOf"/>.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct BtydCellKey(
    [property: Id(0)] int RepeatKey,
    [property: Id(1)] int FirstWeek,
    [property: Id(2)] int SpanKey);
