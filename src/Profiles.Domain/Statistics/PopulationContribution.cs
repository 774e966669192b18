using Profiles.Domain.Classification;
using Profiles.Domain.Predictions;
using Profiles.Domain.Profiles;

namespace Profiles.Domain.Statistics;

/// <summary>
/// What one customer adds to the population statistics: the day of its last order (a date, so it does not go stale as
/// days pass), its frequency and net revenue in the window, its purchase history for the buy-till-you-die models and its
/// class in every dimension. A customer keeps the contribution it last reported, so that the next report removes exactly
/// that and adds the new one.
/// </summary>
[GenerateSerializer]
public sealed class PopulationContribution
{
    /// <summary>Days since 0001-01-01 (UTC) of the last counted order; null when the customer never ordered.</summary>
    [Id(0)] public int? LastOrderDay { get; set; }

    /// <summary>Orders in the RFM window.</summary>
    [Id(1)] public int Frequency { get; set; }

    /// <summary>Net revenue in the RFM window.</summary>
    [Id(2)] public decimal Monetary { get; set; }

    /// <summary>Dimension → class.</summary>
    [Id(3)] public Dictionary<string, string> Classes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The purchase history (BG/NBD's x, t_x and T as days, and Gamma-Gamma's mean repeat value); null without a counted
    /// order, and in a contribution reported before it was kept (version 1 and 2), which therefore added none.
    /// </summary>
    [Id(4)] public PurchaseHistory? History { get; set; }

    /// <summary>The day number of <paramref name="at"/>: whole days since 0001-01-01 in UTC.</summary>
    public static int DayOf(DateTimeOffset at) => (int)(at.UtcTicks / TimeSpan.TicksPerDay);

    /// <summary>The contribution of a customer with <paramref name="orders"/>, <paramref name="history"/> and <paramref name="classes"/>.</summary>
    public static PopulationContribution Of(OrderSummary orders, PurchaseHistory? history, IReadOnlyDictionary<string, ClassState> classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        var contribution = new PopulationContribution
        {
            LastOrderDay = orders.LastOrder is { } last ? DayOf(last) : null,
            Frequency = orders.OrdersInWindow,
            Monetary = orders.RevenueInWindow,
            History = history,
            // Sized once: grown from empty it would allocate three arrays on the way to a dozen classes.
            Classes = new Dictionary<string, string>(classes.Count, StringComparer.Ordinal),
        };
        foreach (var (dimension, state) in classes) contribution.Classes[dimension] = state.Value;
        return contribution;
    }

    /// <summary>The contribution packed (a small byte array a customer keeps and stores instead of the object).</summary>
    public byte[] Pack()
    {
        var writer = Profiles.Packing.PackedWriter.Rent();
        try
        {
            writer.Byte(3);
            writer.Bool(LastOrderDay.HasValue);
            if (LastOrderDay is { } day) writer.Int(day);
            writer.Int(Frequency);
            writer.Decimal(Monetary);
            writer.UInt((ulong)Classes.Count);
            foreach (var (dimension, value) in Classes)
            {
                writer.Name(dimension);
                writer.Name(value);
            }
            writer.Bool(History is not null);
            History?.Write(writer);
            return writer.ToArray();
        }
        finally
        {
            Profiles.Packing.PackedWriter.Return(writer);
        }
    }

    /// <summary>Reads what <see cref="Pack"/> wrote.</summary>
    public static PopulationContribution Unpack(ReadOnlySpan<byte> packed)
    {
        var reader = new Profiles.Packing.PackedReader(packed);
        // 1: names as text; 2: names by their known codes (Packing.KnownNames); 3: then the purchase history.
        var version = reader.Byte();
        if (version is not (1 or 2 or 3)) throw new FormatException($"Unknown packed contribution version {version}.");
        var contribution = new PopulationContribution
        {
            LastOrderDay = reader.Bool() ? reader.Int32() : null,
            Frequency = reader.Int32(),
            Monetary = reader.Decimal(),
        };
        var count = reader.Count();
        for (var i = 0; i < count; i++)
        {
            if (version == 1) contribution.Classes[reader.RequiredString()] = reader.RequiredString();
            else contribution.Classes[reader.RequiredName()] = reader.RequiredName();
        }
        if (version >= 3 && reader.Bool()) contribution.History = PurchaseHistory.Read(ref reader);
        return contribution;
    }

    /// <summary>
    /// Whether the contribution <paramref name="packed"/> (what <see cref="Pack"/> wrote) is exactly what a customer with
    /// <paramref name="orders"/>, <paramref name="history"/> and <paramref name="classes"/> contributes, i.e.
    /// <c>Of(orders, history, classes).SameAs(Unpack(packed))</c> read off the bytes: most writes move nothing, and a
    /// customer keeps its contribution packed. One packed before the history was kept matches only a customer without one.
    /// </summary>
    public static bool Matches(ReadOnlySpan<byte> packed, OrderSummary orders, PurchaseHistory? history, IReadOnlyDictionary<string, ClassState> classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        var reader = new Profiles.Packing.PackedReader(packed);
        var version = reader.Byte();
        if (version is not (1 or 2 or 3)) throw new FormatException($"Unknown packed contribution version {version}.");
        int? lastOrderDay = reader.Bool() ? reader.Int32() : null;
        if (lastOrderDay != (orders.LastOrder is { } last ? DayOf(last) : null) || reader.Int32() != orders.OrdersInWindow ||
            reader.Decimal() != orders.RevenueInWindow || reader.Count() != classes.Count) return false;
        for (var i = 0; i < classes.Count; i++)
        {
            var dimension = version == 1 ? reader.RequiredString() : reader.RequiredName();
            var value = version == 1 ? reader.RequiredString() : reader.RequiredName();
            if (!classes.TryGetValue(dimension, out var state) || state.Value != value) return false;
        }
        if (version < 3 || !reader.Bool()) return history is null;
        return history is not null && PurchaseHistory.Read(ref reader) == history;
    }

    /// <summary>Whether <paramref name="other"/> contributes exactly the same.</summary>
    public bool SameAs(PopulationContribution? other) =>
        other is not null && other.LastOrderDay == LastOrderDay && other.Frequency == Frequency && other.Monetary == Monetary &&
        other.History == History && other.Classes.Count == Classes.Count &&
        Classes.All(c => other.Classes.TryGetValue(c.Key, out var value) && value == c.Value);
}
