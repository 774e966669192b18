using Profiles.Domain.Profiles;

namespace Profiles.Domain.Classification;

/// <summary>The order facts every classifier reads, computed in one pass over a profile's orders at a moment.</summary>
public readonly record struct OrderSummary(
    DateTimeOffset? FirstOrder,
    DateTimeOffset? LastOrder,
    int OrdersInWindow,
    decimal RevenueInWindow,
    int LifetimeOrders,
    decimal LifetimeRevenue,
    int Reactivations)
{
    /// <summary>
    /// Summarises the counted orders of <paramref name="profile"/> as seen at <paramref name="now"/>, from the profile's
    /// sorted order index: logarithmic in the number of orders, not a walk over them.
    /// </summary>
    public static OrderSummary Of(CustomerProfile profile, DateTimeOffset now, int windowDays, int activeDays)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var index = profile.OrderIndex;
        var inWindow = index.FirstAfter(now.AddDays(-windowDays));
        // A reactivation is an order after a silence long enough to have left the active stage (in whole days, as the stage).
        var summary = new OrderSummary(index.First, index.Last, index.Count - inWindow, index.RevenueFrom(inWindow), index.Count,
            index.Revenue, index.Reactivations(activeDays));
        if (profile.ArchivedOrders is not { Count: > 0 } archived) return summary;

        // Orders beyond the profile's capacity count in the lifetime figures, not in the window (see OrderArchive).
        var bridge = index.First is { } kept && archived.Last is { } archivedLast && kept >= archivedLast &&
            DaysBetween(archivedLast, kept) > activeDays ? 1 : 0;
        return summary with
        {
            FirstOrder = Earlier(archived.First, summary.FirstOrder),
            LastOrder = summary.LastOrder is { } last && (archived.Last is not { } a || last >= a) ? last : archived.Last,
            LifetimeOrders = summary.LifetimeOrders + archived.Count,
            LifetimeRevenue = summary.LifetimeRevenue + archived.Revenue,
            Reactivations = summary.Reactivations + archived.Reactivations(activeDays) + bridge,
        };
    }

    private static DateTimeOffset? Earlier(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null || a < b ? a : b;

    /// <summary>Whole days from <paramref name="at"/> to <paramref name="now"/>, never negative.</summary>
    public static int DaysBetween(DateTimeOffset at, DateTimeOffset now) => Math.Max(0, (int)Math.Floor((now - at).TotalDays));
}
