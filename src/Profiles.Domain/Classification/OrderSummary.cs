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
    /// <summary>Summarises the counted orders of <paramref name="profile"/> as seen at <paramref name="now"/>.</summary>
    public static OrderSummary Of(CustomerProfile profile, DateTimeOffset now, int windowDays, int activeDays)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var windowStart = now.AddDays(-windowDays);
        DateTimeOffset? first = null, last = null;
        int inWindow = 0, lifetime = 0;
        decimal revenueInWindow = 0, lifetimeRevenue = 0;
        List<DateTimeOffset>? dates = null;
        foreach (var order in profile.Orders.Values)
        {
            if (order.CompletedAt is not { } at || !order.Counts) continue;
            lifetime++;
            lifetimeRevenue += order.NetRevenue;
            if (first is null || at < first) first = at;
            if (last is null || at > last) last = at;
            if (at > windowStart)
            {
                inWindow++;
                revenueInWindow += order.NetRevenue;
            }
            (dates ??= []).Add(at);
        }

        // A reactivation is an order after a silence long enough to have left the active stage (in whole days, as the stage).
        var reactivations = 0;
        if (dates is { Count: > 1 })
        {
            dates.Sort();
            for (var i = 1; i < dates.Count; i++)
            {
                if (DaysBetween(dates[i - 1], dates[i]) > activeDays) reactivations++;
            }
        }

        return new OrderSummary(first, last, inWindow, revenueInWindow, lifetime, lifetimeRevenue, reactivations);
    }

    /// <summary>Whole days from <paramref name="at"/> to <paramref name="now"/>, never negative.</summary>
    public static int DaysBetween(DateTimeOffset at, DateTimeOffset now) => Math.Max(0, (int)Math.Floor((now - at).TotalDays));
}
