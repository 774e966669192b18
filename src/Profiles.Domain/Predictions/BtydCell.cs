namespace Profiles.Domain.Predictions;

/// <summary>
/// The customers of one <see cref="BtydCellKey"/>: how many, and the exact sums of their repeat purchases and of their first
/// and last purchase days, from which the fit takes the cell's mean customer (negative in a delta that removes customers).
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct BtydCell(
    [property: Id(0)] long Count,
    [property: Id(1)] long SumRepeats,
    [property: Id(2)] long SumFirstDays,
    [property: Id(3)] long SumLastDays)
{
    /// <summary>This cell and <paramref name="other"/> added.</summary>
    public BtydCell Plus(BtydCell other) =>
        new(Count + other.Count, SumRepeats + other.SumRepeats, SumFirstDays + other.SumFirstDays, SumLastDays + other.SumLastDays);

    /// <summary>Whether the cell holds nothing (every count and sum zero).</summary>
    public bool IsEmpty => Count == 0 && SumRepeats == 0 && SumFirstDays == 0 && SumLastDays == 0;
}
