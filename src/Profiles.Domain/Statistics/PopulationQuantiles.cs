using Profiles.Domain.Classification;

namespace Profiles.Domain.Statistics;

/// <summary>
/// Breakpoints and class counts derived from <see cref="PopulationStatistics"/>: RFM quintiles, ABC thresholds, and the
/// RFM segment and value tier counts under them. Every breakpoint is a bucket bound of its histogram, so a customer's
/// score under it is decided by the bucket alone, which is what lets the counts be recomputed exactly from the buckets.
/// </summary>
public static class PopulationQuantiles
{
    private static readonly double[] Quintiles = [0.2, 0.4, 0.6, 0.8];

    /// <summary>
    /// The R, F and M quintile breakpoints of the customers who ordered, with R in days before <paramref name="today"/>
    /// (a day number, see <see cref="PopulationContribution.DayOf"/>); null while nobody ordered.
    /// </summary>
    public static RfmBreakpoints? Rfm(PopulationStatistics statistics, int today, long version)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var n = statistics.LastOrderDay.Count;
        if (n <= 0) return null;
        var recency = new double[4];
        var frequency = new double[4];
        var monetary = new double[4];
        for (var k = 0; k < 4; k++)
        {
            // The recency of rank r (ascending) is the last-order day of rank n + 1 − r (ascending): the most recent day is the smallest recency.
            var rank = Histogram.RankOf(Quintiles[k], n);
            var day = statistics.LastOrderDay.IndexAtRank(n + 1 - rank) ?? today;
            recency[k] = Math.Max(0, today - day);
            frequency[k] = statistics.Frequency.Quantile(Quintiles[k]) ?? 0;
            monetary[k] = statistics.Monetary.Quantile(Quintiles[k]) ?? 0;
        }
        return new RfmBreakpoints(recency, frequency, monetary, version);
    }

    /// <summary>
    /// ABC thresholds from the revenue histogram: walking buckets from the highest revenue down, A ends with the bucket
    /// where the running revenue reaches 80% of the total, B with the one where it reaches 95%. Whole buckets stay
    /// together, so A may hold a little over 80%. Null while there is no revenue.
    /// </summary>
    public static AbcThresholds? Abc(PopulationStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var total = statistics.Monetary.Sum;
        if (total <= 0) return null;
        var buckets = statistics.Monetary.Ascending().Reverse().Where(b => b.Bucket.Count > 0).ToList();
        double? aAbove = null, bAbove = null;
        decimal running = 0;
        foreach (var (index, bucket) in buckets)
        {
            running += bucket.Sum;
            var below = index == Histogram.ZeroBucket ? -1 : Histogram.UpperBound(HistogramScale.Logarithmic, index - 1);
            if (aAbove is null && running >= total * 0.80m) aAbove = Math.Max(0, below);
            if (bAbove is null && running >= total * 0.95m)
            {
                bAbove = Math.Max(0, below);
                break;
            }
        }
        aAbove ??= 0;
        return new AbcThresholds(aAbove.Value, Math.Min(aAbove.Value, bAbove ?? 0));
    }

    /// <summary>
    /// Customers per RFM segment under <paramref name="breakpoints"/> from the joint cells, customers who never ordered
    /// in <see cref="RfmSegmentMaps.NoOrders"/>. R is counted in whole calendar days before <paramref name="today"/>.
    /// </summary>
    public static Dictionary<string, long> CountRfmSegments(
        PopulationStatistics statistics, RfmBreakpoints breakpoints, IReadOnlyList<RfmSegmentRule> rules, int today)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(breakpoints);
        ArgumentNullException.ThrowIfNull(rules);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (cell, count) in statistics.Cells)
        {
            var r = breakpoints.ScoreRecency(Math.Max(0, today - cell.LastOrderDay));
            var f = breakpoints.ScoreFrequency(cell.Frequency);
            var m = breakpoints.ScoreMonetary(Histogram.UpperBound(HistogramScale.Logarithmic, cell.MonetaryBucket));
            var segment = rules.FirstOrDefault(rule => rule.Matches(r, f, m))?.Name ?? RfmSegmentMaps.Others;
            counts[segment] = counts.GetValueOrDefault(segment) + count;
        }
        var withoutOrders = statistics.Customers - statistics.LastOrderDay.Count;
        if (withoutOrders != 0) counts[RfmSegmentMaps.NoOrders] = counts.GetValueOrDefault(RfmSegmentMaps.NoOrders) + withoutOrders;
        return counts;
    }

    /// <summary>Customers per value tier under <paramref name="thresholds"/>, from the revenue buckets; customers who never ordered are C.</summary>
    public static Dictionary<string, long> CountTiers(PopulationStatistics statistics, AbcThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(thresholds);
        long a = 0, b = 0;
        foreach (var (index, bucket) in statistics.Monetary.Ascending())
        {
            var top = Histogram.UpperBound(HistogramScale.Logarithmic, index);
            var bottom = index == Histogram.ZeroBucket ? double.NegativeInfinity : Histogram.UpperBound(HistogramScale.Logarithmic, index - 1);
            if (bottom >= thresholds.AAbove && top > thresholds.AAbove) a += bucket.Count;
            else if (bottom >= thresholds.BAbove && top > thresholds.BAbove) b += bucket.Count;
        }
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        if (a != 0) counts[ValueClassifier.A] = a;
        if (b != 0) counts[ValueClassifier.B] = b;
        var c = statistics.Customers - a - b;
        if (c != 0) counts[ValueClassifier.C] = c;
        return counts;
    }
}
