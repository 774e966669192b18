using Profiles.Domain.Statistics;

namespace Profiles.Domain.Predictions.Clusters;

/// <summary>Cluster input from the population statistics.</summary>
public static class ClusterPoints
{
    /// <summary>The features <see cref="FromRfmCells"/> produces, in order.</summary>
    public static IReadOnlyList<ClusterFeature> RfmFeatures { get; } = [ClusterFeature.Recency, ClusterFeature.Frequency, ClusterFeature.Monetary];

    /// <summary>
    /// One point per R×F×M cell of <see cref="PopulationStatistics.Cells"/> (recorded with <see cref="CellDetail.Full"/>):
    /// days since the last order as of day <paramref name="nowDay"/>, orders in the window and the upper bound of the
    /// revenue bucket, weighted by the cell's customers. Cells with no customers (possible in a delta) are left out.
    /// </summary>
    public static IReadOnlyList<ClusterPoint> FromRfmCells(IReadOnlyDictionary<RfmCell, long> cells, int nowDay)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var points = new List<ClusterPoint>(cells.Count);
        foreach (var (cell, count) in cells.OrderBy(c => c.Key.LastOrderDay).ThenBy(c => c.Key.Frequency).ThenBy(c => c.Key.MonetaryBucket))
        {
            if (count <= 0) continue;
            var revenue = Histogram.UpperBound(HistogramScale.Logarithmic, cell.MonetaryBucket);
            points.Add(new ClusterPoint([Math.Max(0, nowDay - cell.LastOrderDay), cell.Frequency, revenue], count));
        }
        return points;
    }
}
