namespace Profiles.Domain.Predictions;

/// <summary>The repeat customers of one <see cref="SpendCellKey"/>: how many, and the exact sums of their repeat purchases and of their mean repeat values.</summary>
[GenerateSerializer, Immutable]
public readonly record struct SpendCell(
    [property: Id(0)] long Count,
    [property: Id(1)] long SumRepeats,
    [property: Id(2)] decimal SumMeanValues)
{
    /// <summary>This cell and <paramref name="other"/> added.</summary>
    public SpendCell Plus(SpendCell other) => new(Count + other.Count, SumRepeats + other.SumRepeats, SumMeanValues + other.SumMeanValues);

    /// <summary>Whether the cell holds nothing.</summary>
    public bool IsEmpty => Count == 0 && SumRepeats == 0 && SumMeanValues == 0;
}
