using Profiles.Domain.Profiles.Packing;

namespace Profiles.Domain.Predictions;

/// <summary>
/// The population's buy-till-you-die statistics, or a delta of them, kept like the RFM histograms: adding a customer's
/// <see cref="PurchaseHistory"/> with sign −1 removes exactly what adding it put in (every count and sum is an integer or
/// an exact decimal), and deltas add up, so per-silo deltas add into cluster totals in any order. Cells are keyed by
/// absolute days, so the statistics do not go stale: T is derived from the clock when the models are fitted.
/// </summary>
/// <remarks>
/// <para>
/// A cell is (repeat purchases, week of the first purchase, days from first to last purchase), with repeat purchases
/// exact up to <see cref="ExactRepeatsUpTo"/> and days exact up to <see cref="ExactSpanDaysUpTo"/>, both then in buckets
/// 15% wide; each cell keeps its customers' exact sums, and the fit reads the cell's mean customer. Within a cell T
/// varies by less than a week and t_x by less than 15%, so the likelihood is evaluated at most a second-order step
/// from the exact one. The number of cells is at most (weeks of history) × 55 span keys (for spans up to ten years)
/// × 81 repeat keys (for x up to 10,000), and far fewer are occupied: short spans admit few repeat counts (x ≤ span in
/// days). The spend cells are (repeat key, 2% bucket of the mean repeat value): at most 81 × ~1,630 for values from
/// 0.0001 to 10¹⁰.
/// </para>
/// <para>
/// Measured on <see cref="RefitWorkload.Build"/>'s CDNOW-like customers, acquired over two years and observed for three:
/// 1,000,000 customers fill 39,369 cells and 6,862 spend cells (489 KiB packed), 10,000,000 fill 62,390 and 9,674 (832 KiB).
/// </para>
/// </remarks>
[GenerateSerializer]
public sealed class BtydPopulation
{
    /// <summary>Repeat purchases up to this have their own cells.</summary>
    public const int ExactRepeatsUpTo = 40;

    /// <summary>First-to-last purchase spans up to this many days have their own cells.</summary>
    public const int ExactSpanDaysUpTo = 14;

    /// <summary>The width of a first-purchase bucket, in days.</summary>
    public const int FirstPurchaseBucketDays = 7;

    /// <summary>The ratio between consecutive bucket bounds past the exact ranges.</summary>
    public const double BucketRatio = 1.15;

    /// <summary>The ratio between consecutive bounds of the mean-value buckets.</summary>
    public const double ValueBucketRatio = 1.02;

    private static readonly double LogBucketRatio = Math.Log(BucketRatio);
    private static readonly double LogValueBucketRatio = Math.Log(ValueBucketRatio);

    /// <summary>Customers with at least one purchase.</summary>
    [Id(0)] public long Customers { get; set; }

    /// <summary>The BG/NBD cells.</summary>
    [Id(1)] public Dictionary<BtydCellKey, BtydCell> Cells { get; set; } = [];

    /// <summary>The Gamma-Gamma cells: customers with a repeat purchase of positive mean value.</summary>
    [Id(2)] public Dictionary<SpendCellKey, SpendCell> SpendCells { get; set; } = [];

    /// <summary>Whether this (delta) changes nothing.</summary>
    public bool IsEmpty => Customers == 0 && Cells.Count == 0 && SpendCells.Count == 0;

    /// <summary>The cell of <paramref name="history"/>.</summary>
    public static BtydCellKey KeyOf(PurchaseHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return new BtydCellKey(RepeatKeyOf(history.RepeatPurchases), FloorDiv(history.FirstPurchaseDay, FirstPurchaseBucketDays),
            SpanKeyOf(history.LastPurchaseDay - history.FirstPurchaseDay));
    }

    /// <summary>The repeat key of x repeat purchases: x itself up to <see cref="ExactRepeatsUpTo"/>, then a 15% bucket.</summary>
    public static int RepeatKeyOf(int repeats) => BucketOf(repeats, ExactRepeatsUpTo);

    /// <summary>The span key of a first-to-last purchase span of <paramref name="days"/>: the days up to <see cref="ExactSpanDaysUpTo"/>, then a 15% bucket.</summary>
    public static int SpanKeyOf(int days) => BucketOf(days, ExactSpanDaysUpTo);

    /// <summary>The 2% logarithmic bucket of a positive mean value.</summary>
    public static int ValueBucketOf(decimal value) => (int)Math.Floor(Math.Log((double)value) / LogValueBucketRatio);

    /// <summary>Adds (<paramref name="sign"/> 1) or removes (−1) one customer's history.</summary>
    public void Add(PurchaseHistory history, int sign = 1)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (sign is not (1 or -1)) throw new ArgumentOutOfRangeException(nameof(sign), "The sign is 1 (add) or -1 (remove).");
        if (history.RepeatPurchases < 0 || history.LastPurchaseDay < history.FirstPurchaseDay)
            throw new ArgumentException("A purchase history has x ≥ 0 and its last purchase no earlier than its first.", nameof(history));
        Customers += sign;
        AddCell(KeyOf(history), new BtydCell(sign, sign * (long)history.RepeatPurchases, sign * (long)history.FirstPurchaseDay,
            sign * (long)history.LastPurchaseDay));
        if (history is { RepeatPurchases: > 0, MeanRepeatValue: > 0 })
        {
            AddSpendCell(new SpendCellKey(RepeatKeyOf(history.RepeatPurchases), ValueBucketOf(history.MeanRepeatValue)),
                new SpendCell(sign, sign * (long)history.RepeatPurchases, sign * history.MeanRepeatValue));
        }
    }

    /// <summary>Removes one customer's history; exactly undoes <see cref="Add(PurchaseHistory, int)"/>.</summary>
    public void Remove(PurchaseHistory history) => Add(history, -1);

    /// <summary>Replaces a customer's previous history (null: none) by its current one (null: none).</summary>
    public void Replace(PurchaseHistory? previous, PurchaseHistory? current)
    {
        if (previous == current) return;
        if (previous is not null) Remove(previous);
        if (current is not null) Add(current);
    }

    /// <summary>Adds every count and sum of <paramref name="delta"/>.</summary>
    public void Add(BtydPopulation delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        Customers += delta.Customers;
        foreach (var (key, cell) in delta.Cells) AddCell(key, cell);
        foreach (var (key, cell) in delta.SpendCells) AddSpendCell(key, cell);
    }

    /// <summary>Whether <paramref name="other"/> holds exactly the same counts and sums.</summary>
    public bool SameAs(BtydPopulation? other) =>
        other is not null && other.Customers == Customers && other.Cells.Count == Cells.Count && other.SpendCells.Count == SpendCells.Count &&
        Cells.All(c => other.Cells.TryGetValue(c.Key, out var cell) && cell == c.Value) &&
        SpendCells.All(c => other.SpendCells.TryGetValue(c.Key, out var cell) && cell == c.Value);

    /// <summary>The cells' mean customers as BG/NBD observations on day <paramref name="nowDay"/>, in units of <paramref name="unitDays"/> days, in key order.</summary>
    public IReadOnlyList<BtydObservation> Observations(int nowDay, double unitDays)
    {
        var observations = new List<BtydObservation>(Cells.Count);
        foreach (var (_, cell) in Cells.OrderBy(c => c.Key.RepeatKey).ThenBy(c => c.Key.FirstWeek).ThenBy(c => c.Key.SpanKey))
        {
            if (cell.Count <= 0) continue;
            double count = cell.Count;
            var first = cell.SumFirstDays / count;
            var span = (cell.SumLastDays - cell.SumFirstDays) / count;
            var age = Math.Max(nowDay - first, span);
            observations.Add(new BtydObservation(cell.SumRepeats / count, span / unitDays, age / unitDays, cell.Count));
        }
        return observations;
    }

    /// <summary>The spend cells' mean customers as Gamma-Gamma observations, in key order.</summary>
    public IReadOnlyList<SpendObservation> SpendObservations()
    {
        var observations = new List<SpendObservation>(SpendCells.Count);
        foreach (var (_, cell) in SpendCells.OrderBy(c => c.Key.RepeatKey).ThenBy(c => c.Key.ValueBucket))
        {
            if (cell.Count <= 0) continue;
            observations.Add(new SpendObservation(cell.SumRepeats / (double)cell.Count, (double)(cell.SumMeanValues / cell.Count), cell.Count));
        }
        return observations;
    }

    /// <summary>The population packed: cells in key order, first days stored from their week's start and last days as spans.</summary>
    public byte[] Pack()
    {
        var writer = new PackedWriter(16 + 12 * Cells.Count + 12 * SpendCells.Count);
        writer.Byte(1);
        writer.Int(Customers);
        writer.UInt((ulong)Cells.Count);
        foreach (var (key, cell) in Cells.OrderBy(c => c.Key.RepeatKey).ThenBy(c => c.Key.FirstWeek).ThenBy(c => c.Key.SpanKey))
        {
            writer.Int(key.RepeatKey);
            writer.Int(key.FirstWeek);
            writer.Int(key.SpanKey);
            writer.Int(cell.Count);
            writer.Int(cell.SumRepeats);
            writer.Int(cell.SumFirstDays - cell.Count * key.FirstWeek * (long)FirstPurchaseBucketDays);
            writer.Int(cell.SumLastDays - cell.SumFirstDays);
        }
        writer.UInt((ulong)SpendCells.Count);
        foreach (var (key, cell) in SpendCells.OrderBy(c => c.Key.RepeatKey).ThenBy(c => c.Key.ValueBucket))
        {
            writer.Int(key.RepeatKey);
            writer.Int(key.ValueBucket);
            writer.Int(cell.Count);
            writer.Int(cell.SumRepeats);
            writer.Decimal(cell.SumMeanValues);
        }
        return writer.ToArray();
    }

    /// <summary>Reads what <see cref="Pack"/> wrote.</summary>
    public static BtydPopulation Unpack(ReadOnlySpan<byte> packed)
    {
        var reader = new PackedReader(packed);
        var version = reader.Byte();
        if (version != 1) throw new FormatException($"Unknown packed BTYD population version {version}.");
        var population = new BtydPopulation { Customers = reader.Int() };
        var cells = reader.Count();
        for (var i = 0; i < cells; i++)
        {
            var key = new BtydCellKey(reader.Int32(), reader.Int32(), reader.Int32());
            var count = reader.Int();
            var repeats = reader.Int();
            var firstDays = reader.Int() + count * key.FirstWeek * (long)FirstPurchaseBucketDays;
            var lastDays = reader.Int() + firstDays;
            population.Cells.Add(key, new BtydCell(count, repeats, firstDays, lastDays));
        }
        var spendCells = reader.Count();
        for (var i = 0; i < spendCells; i++)
        {
            var key = new SpendCellKey(reader.Int32(), reader.Int32());
            population.SpendCells.Add(key, new SpendCell(reader.Int(), reader.Int(), reader.Decimal()));
        }
        if (!reader.End) throw new FormatException("A packed BTYD population has bytes after its end.");
        return population;
    }

    private void AddCell(BtydCellKey key, BtydCell delta)
    {
        var cell = Cells.TryGetValue(key, out var current) ? current.Plus(delta) : delta;
        if (cell.IsEmpty) Cells.Remove(key);
        else Cells[key] = cell;
    }

    private void AddSpendCell(SpendCellKey key, SpendCell delta)
    {
        var cell = SpendCells.TryGetValue(key, out var current) ? current.Plus(delta) : delta;
        if (cell.IsEmpty) SpendCells.Remove(key);
        else SpendCells[key] = cell;
    }

    private static int BucketOf(int value, int exactUpTo) =>
        value <= exactUpTo ? value : exactUpTo + (int)Math.Ceiling(Math.Log(value / (double)exactUpTo) / LogBucketRatio);

    private static int FloorDiv(int value, int divisor) => value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor);
}
