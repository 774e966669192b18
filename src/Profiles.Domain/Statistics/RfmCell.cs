namespace Profiles.Domain.Statistics;

/// <summary>
/// One cell of the joint R×F×M distribution: the day of the last order, the order count in the window and the bucket of
/// the net revenue (<see cref="HistogramScale.Logarithmic"/>; 0 when the RFM segment rules do not read M).
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct RfmCell([property: Id(0)] int LastOrderDay, [property: Id(1)] int Frequency, [property: Id(2)] long MonetaryBucket);
