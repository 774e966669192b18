using System.Globalization;

namespace Profiles.Domain.Classification;

/// <summary>RFM: raw recency (days), frequency and monetary in the window, their scores and the RFM segment.</summary>
public static class RfmClassifier
{
    /// <summary>Scores the summary against <paramref name="breakpoints"/>.</summary>
    public static RfmScores Score(OrderSummary orders, DateTimeOffset now, RfmBreakpoints breakpoints)
    {
        ArgumentNullException.ThrowIfNull(breakpoints);
        if (orders.LastOrder is not { } last) return new RfmScores(null, 0, 0m, null, null, null);
        var days = OrderSummary.DaysBetween(last, now);
        return new RfmScores(
            days,
            orders.OrdersInWindow,
            orders.RevenueInWindow,
            breakpoints.ScoreRecency(days),
            breakpoints.ScoreFrequency(orders.OrdersInWindow),
            breakpoints.ScoreMonetary((double)orders.RevenueInWindow));
    }

    /// <summary>The RFM segment: the first rule of <paramref name="rules"/> that matches the scores.</summary>
    public static ClassAssignment Segment(RfmScores scores, IReadOnlyList<RfmSegmentRule> rules, bool explain = true)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(rules);
        if (scores is not { R: { } r, F: { } f, M: { } m })
            return new ClassAssignment(Dimensions.Rfm, RfmSegmentMaps.NoOrders, "no orders yet: RFM does not apply");

        var facts = !explain ? "" : string.Create(CultureInfo.InvariantCulture,
            $"R = {r}: last order {scores.RecencyDays} days ago; F = {f}: {scores.Frequency} order{(scores.Frequency == 1 ? "" : "s")} in the window; M = {m}: {scores.Monetary:0.##} net revenue");
        foreach (var rule in rules)
        {
            if (rule.Matches(r, f, m)) return new ClassAssignment(Dimensions.Rfm, rule.Name, explain ? $"{facts} (rule {rule.Describe()})" : "");
        }
        return new ClassAssignment(Dimensions.Rfm, RfmSegmentMaps.Others, explain ? $"{facts} (no rule matches)" : "");
    }
}
