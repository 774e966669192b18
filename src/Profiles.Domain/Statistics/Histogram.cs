namespace Profiles.Domain.Statistics;

/// <summary>
/// A sparse histogram that adds and removes values exactly and adds another by adding bucket counts and sums, so a delta
/// made of removals and additions can travel and be added anywhere, in any order. Deterministic: bucket boundaries depend
/// only on the scale.
/// </summary>
[GenerateSerializer]
public sealed class Histogram
{
    /// <summary>The ratio between consecutive bucket bounds of <see cref="HistogramScale.Logarithmic"/>.</summary>
    public const double LogRatio = 1.005;

    /// <summary>The bucket of zero and below on a logarithmic scale.</summary>
    public const long ZeroBucket = long.MinValue;

    private static readonly double LogOfRatio = Math.Log(LogRatio);

    public Histogram() { }

    public Histogram(HistogramScale scale) => Scale = scale;

    [Id(0)] public HistogramScale Scale { get; set; }

    /// <summary>Bucket index → count and sum; buckets that fall back to nothing are removed.</summary>
    [Id(1)] public Dictionary<long, HistogramBucket> Buckets { get; set; } = [];

    /// <summary>How many values the histogram holds.</summary>
    [Id(2)] public long Count { get; set; }

    /// <summary>The sum of every value it holds.</summary>
    [Id(3)] public decimal Sum { get; set; }

    /// <summary>The bucket <paramref name="value"/> falls into on <paramref name="scale"/>.</summary>
    public static long IndexOf(HistogramScale scale, double value)
    {
        if (scale == HistogramScale.Exact) return (long)Math.Round(value, MidpointRounding.ToEven);
        if (!(value > 0)) return ZeroBucket;
        var index = (long)Math.Ceiling(Math.Log(value) / LogOfRatio);
        // The logarithm may be a hair off at a bound: settle on the bucket UpperBound agrees with.
        while (value > UpperBound(scale, index)) index++;
        while (value <= UpperBound(scale, index - 1)) index--;
        return index;
    }

    /// <summary>The largest value of bucket <paramref name="index"/>; every value of a higher bucket is above it.</summary>
    public static double UpperBound(HistogramScale scale, long index) =>
        scale == HistogramScale.Exact ? index : index == ZeroBucket ? 0 : Math.Pow(LogRatio, index);

    /// <summary>Adds <paramref name="value"/> (with <paramref name="amount"/> towards the sums) <paramref name="times"/> times; negative times remove.</summary>
    public void Add(double value, decimal amount, long times = 1)
    {
        if (times == 0) return;
        AddToBucket(IndexOf(Scale, value), new HistogramBucket(times, amount * times));
    }

    /// <summary>Removes <paramref name="value"/> once; exactly undoes <see cref="Add(double, decimal, long)"/>.</summary>
    public void Remove(double value, decimal amount) => Add(value, amount, -1);

    /// <summary>Adds every bucket of <paramref name="other"/> (which must be on the same scale).</summary>
    public void Add(Histogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Scale != Scale) throw new ArgumentException($"Cannot add a {other.Scale} histogram to a {Scale} one.", nameof(other));
        foreach (var (index, bucket) in other.Buckets) AddToBucket(index, bucket);
    }

    /// <summary>The buckets in ascending order of their values.</summary>
    public IEnumerable<(long Index, HistogramBucket Bucket)> Ascending() =>
        Buckets.OrderBy(b => b.Key).Select(b => (b.Key, b.Value));

    /// <summary>The bucket holding the <paramref name="rank"/>-th smallest value (1-based), or null when there are fewer values.</summary>
    public long? IndexAtRank(long rank)
    {
        if (rank < 1 || rank > Count) return null;
        long seen = 0;
        foreach (var (index, bucket) in Ascending())
        {
            seen += bucket.Count;
            if (seen >= rank) return index;
        }
        return null;
    }

    /// <summary>
    /// The <paramref name="fraction"/> quantile as the value of rank ⌈fraction·n⌉ (at least 1), read as its bucket's
    /// upper bound; null when empty.
    /// </summary>
    public double? Quantile(double fraction) =>
        IndexAtRank(RankOf(fraction, Count)) is { } index ? UpperBound(Scale, index) : null;

    /// <summary>The nearest-rank position of the <paramref name="fraction"/> quantile among <paramref name="count"/> values.</summary>
    public static long RankOf(double fraction, long count) => Math.Max(1, (long)Math.Ceiling(fraction * count - 1e-9));

    private void AddToBucket(long index, HistogramBucket delta)
    {
        var bucket = Buckets.TryGetValue(index, out var current)
            ? new HistogramBucket(current.Count + delta.Count, current.Sum + delta.Sum)
            : delta;
        if (bucket.Count == 0 && bucket.Sum == 0) Buckets.Remove(index);
        else Buckets[index] = bucket;
        Count += delta.Count;
        Sum += delta.Sum;
    }
}
