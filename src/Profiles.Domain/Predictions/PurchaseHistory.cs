using Profiles.Domain.Profiles;
using Profiles.Domain.Profiles.Packing;
using Profiles.Domain.Statistics;

namespace Profiles.Domain.Predictions;

/// <summary>
/// A customer's buy-till-you-die statistics, as days so that they do not go stale as time passes: the UTC day numbers of
/// the first and last purchase (<see cref="PopulationContribution.DayOf"/>), the repeat purchases x (purchase days after
/// the first: orders on one day count once, as the models assume at most one purchase at a time) and the mean value of
/// those repeat days (Gamma-Gamma's m_x; the first day is left out, as in the literature, because it is what made the
/// customer one). T, the time since the first purchase, is derived from the clock when asked for.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PurchaseHistory(
    [property: Id(0)] int FirstPurchaseDay,
    [property: Id(1)] int LastPurchaseDay,
    [property: Id(2)] int RepeatPurchases,
    [property: Id(3)] decimal MeanRepeatValue)
{
    /// <summary>
    /// Decimal places <see cref="MeanRepeatValue"/> is rounded to, so that the population's sums of them stay exact
    /// through any number of additions and removals (a quotient with 28 digits would not).
    /// </summary>
    public const int ValueDecimals = 4;

    /// <summary>The history of a profile's counted orders (completed and not cancelled), each worth its net revenue; null without any.</summary>
    public static PurchaseHistory? Of(IEnumerable<OrderRecord> orders)
    {
        ArgumentNullException.ThrowIfNull(orders);
        return Of(orders.Where(o => o is { Counts: true, CompletedAt: not null }).Select(o => (o.CompletedAt!.Value, o.NetRevenue)));
    }

    /// <summary>The history of purchases at the given times worth the given net values; null without any.</summary>
    public static PurchaseHistory? Of(IEnumerable<(DateTimeOffset At, decimal NetValue)> purchases)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        return OfDays(purchases.Select(p => (PopulationContribution.DayOf(p.At), p.NetValue)));
    }

    /// <summary>The history of purchases on the given day numbers worth the given net values; null without any.</summary>
    public static PurchaseHistory? OfDays(IEnumerable<(int Day, decimal NetValue)> purchases)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        var days = new SortedDictionary<int, decimal>();
        foreach (var (day, value) in purchases) days[day] = days.GetValueOrDefault(day) + value;
        if (days.Count == 0) return null;

        var first = days.First();
        var repeatValue = 0m;
        foreach (var (day, value) in days)
        {
            if (day != first.Key) repeatValue += value;
        }
        return FromDays(first.Key, days.Keys.Max(), days.Count, repeatValue);
    }

    /// <summary>
    /// The history of purchases on <paramref name="purchaseDays"/> distinct days from day <paramref name="firstDay"/> to
    /// <paramref name="lastDay"/>, worth <paramref name="repeatValue"/> together on the days after the first.
    /// </summary>
    public static PurchaseHistory FromDays(int firstDay, int lastDay, int purchaseDays, decimal repeatValue)
    {
        var repeats = Math.Max(0, purchaseDays - 1);
        var mean = repeats == 0 ? 0m : Math.Round(Math.Max(0m, repeatValue) / repeats, ValueDecimals, MidpointRounding.ToEven);
        return new PurchaseHistory(firstDay, Math.Max(firstDay, lastDay), repeats, mean);
    }

    /// <summary>t_x: the time from the first purchase to the last, in units of <paramref name="unitDays"/> days.</summary>
    public double Recency(double unitDays) => (LastPurchaseDay - FirstPurchaseDay) / unitDays;

    /// <summary>
    /// T: the time from the first purchase to the day <paramref name="nowDay"/> (never less than t_x), in units of
    /// <paramref name="unitDays"/> days.
    /// </summary>
    public double Age(int nowDay, double unitDays) => Math.Max(nowDay - FirstPurchaseDay, LastPurchaseDay - FirstPurchaseDay) / unitDays;

    /// <summary>This customer as one BG/NBD observation on day <paramref name="nowDay"/>.</summary>
    public BtydObservation Observation(int nowDay, double unitDays) => new(RepeatPurchases, Recency(unitDays), Age(nowDay, unitDays), 1);

    /// <summary>Writes the history into <paramref name="writer"/> (the last day as its distance from the first).</summary>
    public void Write(PackedWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Int(FirstPurchaseDay);
        writer.Int(LastPurchaseDay - FirstPurchaseDay);
        writer.Int(RepeatPurchases);
        writer.Decimal(MeanRepeatValue);
    }

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    public static PurchaseHistory Read(ref PackedReader reader)
    {
        var first = reader.Int32();
        return new PurchaseHistory(first, checked(first + reader.Int32()), reader.Int32(), reader.Decimal());
    }
}
