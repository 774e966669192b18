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

    /// <summary>Adds an order; orders are archived oldest first, so the silence before it is the one since <see cref="Last"/>.</summary>
    public void Add(DateTimeOffset at, decimal netRevenue)
    {
        Count++;
        Revenue += netRevenue;
        if (Last is { } last && at >= last) Gap(Classification.OrderSummary.DaysBetween(last, at));
        else if (First is { } first && at < first) Gap(Classification.OrderSummary.DaysBetween(at, first));
        if (First is null || at < First) First = at;
        if (Last is null || at > Last) Last = at;
    }

    /// <summary>Archived orders that came after a silence of more than <paramref name="activeDays"/> whole days.</summary>
    public int Reactivations(int activeDays) => Gaps.Where(g => g.Key > activeDays).Sum(g => g.Value);

    private void Gap(int days)
    {
        if (days >= 1) Gaps[days] = Gaps.GetValueOrDefault(days) + 1;
    }
}
