using Profiles.Domain.Profiles.Packing;
using Profiles.Domain.Statistics;

namespace Profiles.Domain.Predictions.Clusters;

/// <summary>
/// The grid the population statistics keep for the clusters (<see cref="PopulationStatistics.ClusterCells"/>): customers
/// who ordered, by the week of their last order (keyed by its middle day, a date, so the grid does not go stale as days
/// pass; recency is then within half a week), their orders in the window (exact up to <see cref="ExactFrequencyUpTo"/>,
/// then the lower bound of a 15% bucket) and their net revenue in the window (the <see cref="HistogramScale.Logarithmic"/>
/// bucket rounded up to every <see cref="MonetaryBucketStep"/>th, about 10% wide). k-means with a handful of clusters over
/// log-transformed features does not need more detail, and the grid stays small enough to be stored in one row: a million
/// simulated customers fill about 17,000 cells (85 KiB packed).
/// </summary>
public static class ClusterCells
{
    /// <summary>The width of a last-order bucket, in days.</summary>
    public const int LastOrderBucketDays = 7;

    /// <summary>Orders in the window up to this count have their own cells.</summary>
    public const int ExactFrequencyUpTo = 10;

    /// <summary>Consecutive 0.5% revenue buckets grouped into one cell (1.005^20 ≈ 1.105).</summary>
    public const int MonetaryBucketStep = 20;

    private static readonly double LogFrequencyRatio = Math.Log(1.15);

    /// <summary>The cell of a customer whose last order was on day <paramref name="lastOrderDay"/>, with <paramref name="frequency"/> orders worth <paramref name="monetary"/> in the window.</summary>
    public static RfmCell KeyOf(int lastOrderDay, int frequency, decimal monetary)
    {
        var week = lastOrderDay >= 0 ? lastOrderDay / LastOrderBucketDays : -((-lastOrderDay + LastOrderBucketDays - 1) / LastOrderBucketDays);
        var bucket = Histogram.IndexOf(HistogramScale.Logarithmic, (double)monetary);
        if (bucket != Histogram.ZeroBucket)
        {
            // Up to the next multiple of the step: the cell's value is its upper bound, as FromRfmCells reads it.
            var remainder = ((bucket % MonetaryBucketStep) + MonetaryBucketStep) % MonetaryBucketStep;
            if (remainder != 0) bucket += MonetaryBucketStep - remainder;
        }
        return new RfmCell(week * LastOrderBucketDays + LastOrderBucketDays / 2, FrequencyKeyOf(frequency), bucket);
    }

    /// <summary>
    /// The grid packed (a population's totals are stored so): cells in order of day, frequency and bucket, each day as the
    /// distance from the one before, then the count.
    /// </summary>
    public static byte[] Pack(IReadOnlyDictionary<RfmCell, long> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var writer = new PackedWriter(16 + 8 * cells.Count);
        writer.Byte(1);
        writer.UInt((ulong)cells.Count);
        var day = 0L;
        foreach (var (cell, count) in cells.OrderBy(c => c.Key.LastOrderDay).ThenBy(c => c.Key.Frequency).ThenBy(c => c.Key.MonetaryBucket))
        {
            writer.Int(cell.LastOrderDay - day);
            day = cell.LastOrderDay;
            writer.Int(cell.Frequency);
            writer.Int(cell.MonetaryBucket);
            writer.Int(count);
        }
        return writer.ToArray();
    }

    /// <summary>Reads what <see cref="Pack"/> wrote.</summary>
    public static Dictionary<RfmCell, long> Unpack(ReadOnlySpan<byte> packed)
    {
        var reader = new PackedReader(packed);
        var version = reader.Byte();
        if (version != 1) throw new FormatException($"Unknown packed cluster grid version {version}.");
        var count = reader.Count();
        var cells = new Dictionary<RfmCell, long>(count);
        var day = 0L;
        for (var i = 0; i < count; i++)
        {
            day += reader.Int();
            cells.Add(new RfmCell(checked((int)day), reader.Int32(), reader.Int()), reader.Int());
        }
        if (!reader.End) throw new FormatException("The packed cluster grid has bytes after its end.");
        return cells;
    }

    /// <summary>The frequency a cell stands for: the count itself up to <see cref="ExactFrequencyUpTo"/>, then the lower bound of its 15% bucket.</summary>
    public static int FrequencyKeyOf(int frequency)
    {
        if (frequency <= ExactFrequencyUpTo) return frequency;
        var step = Math.Floor(Math.Log(frequency / (double)ExactFrequencyUpTo) / LogFrequencyRatio);
        return Math.Max(ExactFrequencyUpTo + 1, (int)Math.Ceiling(ExactFrequencyUpTo * Math.Pow(1.15, step)));
    }
}
