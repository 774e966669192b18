using Profiles.Domain.Classification;
using Profiles.Domain.Predictions;

namespace Profiles.Domain.Statistics;

/// <summary>
/// The population's statistics, or a delta of them: customer count, histograms of last-order day, frequency and net
/// revenue (with revenue sums per bucket, for ABC), the joint R×F(×M) cells, class counts per dimension, the
/// buy-till-you-die cells the purchase and spend models are fitted to and the grid the clusters are fitted to. Adding a
/// contribution with sign −1 removes it exactly, and deltas add up, so per-silo deltas add into cluster totals in any order.
/// </summary>
[GenerateSerializer]
public sealed class PopulationStatistics
{
    /// <summary>Customers counted (every customer who has sent an event).</summary>
    [Id(0)] public long Customers { get; set; }

    /// <summary>Day numbers of the customers' last orders (customers who ordered).</summary>
    [Id(1)] public Histogram LastOrderDay { get; set; } = new(HistogramScale.Exact);

    /// <summary>Orders in the window, of customers who ordered.</summary>
    [Id(2)] public Histogram Frequency { get; set; } = new(HistogramScale.Exact);

    /// <summary>Net revenue in the window, of customers who ordered.</summary>
    [Id(3)] public Histogram Monetary { get; set; } = new(HistogramScale.Logarithmic);

    /// <summary>The joint distribution, as detailed as <see cref="CellDetail"/> asked.</summary>
    [Id(4)] public Dictionary<RfmCell, long> Cells { get; set; } = [];

    /// <summary>Dimension → class → customers.</summary>
    [Id(5)] public Dictionary<string, Dictionary<string, long>> Classes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The customers' purchase histories, for the BG/NBD and Gamma-Gamma fits.</summary>
    [Id(6)] public BtydPopulation Btyd { get; set; } = new();

    /// <summary>Customers who ordered by last-order day, frequency and revenue on the clusters' grid (<see cref="ClusterCells"/>), kept in every mode.</summary>
    [Id(7)] public Dictionary<RfmCell, long> ClusterCells { get; set; } = [];

    /// <summary>Whether this (delta) changes nothing.</summary>
    public bool IsEmpty => Customers == 0 && LastOrderDay.Buckets.Count == 0 && Frequency.Buckets.Count == 0 &&
        Monetary.Buckets.Count == 0 && Cells.Count == 0 && Classes.Count == 0 && Btyd.IsEmpty && ClusterCells.Count == 0;

    /// <summary>The joint cells the RFM segment rules need: none for fixed breakpoints, M only when a rule reads it.</summary>
    public static CellDetail DetailFor(RfmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Breakpoints.Mode == BreakpointMode.Fixed) return CellDetail.None;
        return options.EffectiveSegments.Any(r => r.MMin > 1 || r.MMax < 5) ? CellDetail.Full : CellDetail.RecencyFrequency;
    }

    /// <summary>Adds (<paramref name="sign"/> 1) or removes (−1) one customer's contribution.</summary>
    public void Add(PopulationContribution contribution, int sign, CellDetail detail)
    {
        ArgumentNullException.ThrowIfNull(contribution);
        if (sign is not (1 or -1)) throw new ArgumentOutOfRangeException(nameof(sign), "The sign is 1 (add) or -1 (remove).");
        Customers += sign;
        if (contribution.LastOrderDay is { } day)
        {
            LastOrderDay.Add(day, day, sign);
            Frequency.Add(contribution.Frequency, contribution.Frequency, sign);
            Monetary.Add((double)contribution.Monetary, contribution.Monetary, sign);
            if (detail != CellDetail.None)
            {
                var bucket = detail == CellDetail.Full ? Histogram.IndexOf(HistogramScale.Logarithmic, (double)contribution.Monetary) : 0;
                AddCell(new RfmCell(day, contribution.Frequency, bucket), sign);
            }
            AddCount(ClusterCells, Predictions.Clusters.ClusterCells.KeyOf(day, contribution.Frequency, contribution.Monetary), sign);
        }
        if (contribution.History is { } history) Btyd.Add(history, sign);
        foreach (var (dimension, value) in contribution.Classes) AddClass(dimension, value, sign);
    }

    /// <summary>
    /// Adds every count of <paramref name="delta"/>; without <paramref name="modelInputs"/> all but the purchase cells and
    /// the clusters' grid (which the statistics grain keeps and stores apart, packed, for their size).
    /// </summary>
    public void Add(PopulationStatistics delta, bool modelInputs = true)
    {
        ArgumentNullException.ThrowIfNull(delta);
        Customers += delta.Customers;
        LastOrderDay.Add(delta.LastOrderDay);
        Frequency.Add(delta.Frequency);
        Monetary.Add(delta.Monetary);
        foreach (var (cell, count) in delta.Cells) AddCell(cell, count);
        if (modelInputs)
        {
            foreach (var (cell, count) in delta.ClusterCells) AddCount(ClusterCells, cell, count);
            Btyd.Add(delta.Btyd);
        }
        foreach (var (dimension, values) in delta.Classes)
        {
            foreach (var (value, count) in values) AddClass(dimension, value, count);
        }
    }

    private void AddCell(RfmCell cell, long count) => AddCount(Cells, cell, count);

    /// <summary>Adds <paramref name="count"/> customers to <paramref name="cell"/> of <paramref name="cells"/>, dropping a cell that falls to none.</summary>
    public static void AddCount(Dictionary<RfmCell, long> cells, RfmCell cell, long count)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var total = cells.GetValueOrDefault(cell) + count;
        if (total == 0) cells.Remove(cell);
        else cells[cell] = total;
    }

    private void AddClass(string dimension, string value, long count)
    {
        if (!Classes.TryGetValue(dimension, out var values))
        {
            values = new Dictionary<string, long>(StringComparer.Ordinal);
            Classes.Add(dimension, values);
        }
        var total = values.GetValueOrDefault(value) + count;
        if (total == 0) values.Remove(value);
        else values[value] = total;
        if (values.Count == 0) Classes.Remove(dimension);
    }
}
