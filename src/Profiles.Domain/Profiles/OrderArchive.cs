namespace Profiles.Domain.Profiles;

/// <summary>
/// The orders a profile no longer keeps one by one (beyond <see cref="CustomerProfile.OrderCapacity"/>, the oldest
/// first), summed up so that lifetime figures, the first order and reactivations still count them. Refunds or
/// cancellations that arrive for an archived order are not applied to it, and archived orders no longer count in the
/// RFM window: a customer with more orders than the capacity within the window scores on the newest ones.
/// </summary>
[GenerateSerializer]
public sealed class OrderArchive
{
    /// <summary>Counted orders archived.</summary>
    [Id(0)] public int Count { get; set; }

    /// <summary>Their net revenue when archived.</summary>
    [Id(1)] public decimal Revenue { get; set; }

    [Id(2)] public DateTimeOffset? First { get; set; }

    [Id(3)] public DateTimeOffset? Last { get; set; }

    /// <summary>Silences between consecutive archived orders, in whole days (one day or more) → how many.</summary>
    [Id(4)] public SortedDictionary<int, int> Gaps { get; set; } = [];

    /// <summary>
    /// Distinct UTC days with an archived order (the customer's purchase days, see <c>PurchaseHistory</c>); null in an
    /// archive begun before it was kept, whose days are then estimated (<see cref="EstimatedDays"/>).
    /// </summary>
    [Id(5)] public int? Days { get; set; }

    /// <summary>The net revenue of the orders on the day of <see cref="First"/>; null in an archive begun before it was kept.</summary>
    [Id(6)] public decimal? FirstDayRevenue { get; set; }

    /// <summary>
    /// <see cref="Days"/>, or for an archive begun before it was kept an estimate: one day plus the silences of a day or
    /// more between consecutive orders — short of the truth by the consecutive orders less than 24 hours apart that
    /// still fell on different days.
    /// </summary>
    public int EstimatedDays => Days ?? (Count == 0 ? 0 : 1 + Gaps.Values.Sum());

    /// <summary>
    /// <see cref="FirstDayRevenue"/>, or for an archive begun before it was kept the mean archived order (as if the first
    /// day held one average order).
    /// </summary>
    public decimal EstimatedFirstDayRevenue =>
        FirstDayRevenue ?? (Count == 0 ? 0m : Math.Round(Revenue / Count, Predictions.PurchaseHistory.ValueDecimals, MidpointRounding.ToEven));

    /// <summary>Adds an order; orders are archived oldest first, so the silence before it is the one since <see cref="Last"/>.</summary>
    public void Add(DateTimeOffset at, decimal netRevenue)
    {
        AddDay(at, netRevenue);
        Count++;
        Revenue += netRevenue;
        if (Last is { } last && at >= last) Gap(Classification.OrderSummary.DaysBetween(last, at));
        else if (First is { } first && at < first) Gap(Classification.OrderSummary.DaysBetween(at, first));
        if (First is null || at < First) First = at;
        if (Last is null || at > Last) Last = at;
    }

    /// <summary>
    /// Adds another profile's archive (a merge). The purchase days of the two are added up: a day both archives have an
    /// order on counts twice, except their first days, which are compared (a merged archive of two customers of more
    /// than 1,250 orders each).
    /// </summary>
    public void Merge(OrderArchive other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count == 0) return;
        if (Count == 0)
        {
            (Days, FirstDayRevenue) = (other.Days, other.FirstDayRevenue);
        }
        else
        {
            var (mine, theirs) = (DayOf(First), DayOf(other.First));
            Days = Days is { } d && other.Days is { } t ? d + t - (mine == theirs ? 1 : 0) : null;
            FirstDayRevenue = mine < theirs ? FirstDayRevenue
                : mine > theirs ? other.FirstDayRevenue
                : FirstDayRevenue + other.FirstDayRevenue;
        }
        Count += other.Count;
        Revenue += other.Revenue;
        if (other.First is { } first) First = First is { } f && f < first ? f : first;
        if (other.Last is { } last) Last = Last is { } l && l > last ? l : last;
        foreach (var (days, count) in other.Gaps) Gaps[days] = Gaps.GetValueOrDefault(days) + count;
    }

    /// <summary>Archived orders that came after a silence of more than <paramref name="activeDays"/> whole days.</summary>
    public int Reactivations(int activeDays) => Gaps.Where(g => g.Key > activeDays).Sum(g => g.Value);

    /// <summary>
    /// Keeps <see cref="Days"/> and <see cref="FirstDayRevenue"/> as an order is added: orders come oldest first, so a day
    /// after the last one is new; one between the first and the last (a late order archived after newer ones) counts as
    /// new unless it is the first or last day, since the days in between are not kept.
    /// </summary>
    private void AddDay(DateTimeOffset at, decimal netRevenue)
    {
        var day = DayOf(at);
        if (Count == 0)
        {
            (Days, FirstDayRevenue) = (1, netRevenue);
            return;
        }
        var (first, last) = (DayOf(First), DayOf(Last));
        if (Days is { } days && day != first && day != last) Days = days + 1;
        if (FirstDayRevenue is { } revenue)
        {
            if (day < first) FirstDayRevenue = netRevenue;
            else if (day == first) FirstDayRevenue = revenue + netRevenue;
        }
    }

    private static long DayOf(DateTimeOffset? at) => at is { } t ? t.UtcTicks / TimeSpan.TicksPerDay : long.MinValue;

    private void Gap(int days)
    {
        if (days >= 1) Gaps[days] = Gaps.GetValueOrDefault(days) + 1;
    }
}
