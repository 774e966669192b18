using Profiles.Domain.Profiles;

namespace Profiles.Domain.Classification;

/// <summary>
/// Engagement level. A customer not seen (by any event) within <see cref="EngagementOptions.RecentDays"/> is inactive;
/// a recent one is high, medium or low by interactions (page views + screen views + tracked events) or distinct
/// sessions, whichever reaches the higher level.
/// </summary>
public static class EngagementClassifier
{
    public const string High = "high";
    public const string Medium = "medium";
    public const string Low = "low";
    public const string Inactive = "inactive";

    /// <summary>Page views + screen views + tracked events.</summary>
    public static int Interactions(EngagementFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return facts.PageViews + facts.ScreenViews + facts.TrackedEvents;
    }

    public static ClassAssignment Classify(EngagementFacts facts, DateTimeOffset now, EngagementOptions options, bool explain = true)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(options);
        if (facts.LastSeen is not { } last) return Assign(Inactive, "never seen");
        var silent = OrderSummary.DaysBetween(last, now);
        if (silent > options.RecentDays)
            return Assign(Inactive, explain ? $"last seen {silent} days ago (inactive after {options.RecentDays})" : "");

        var interactions = Interactions(facts);
        var sessions = facts.SessionCount;
        var figures = !explain ? "" : $"{interactions} interaction{Plural(interactions)}, {sessions} session{Plural(sessions)}, last seen {silent} days ago";
        if (interactions >= options.HighInteractionsFrom || sessions >= options.HighSessionsFrom)
            return Assign(High, explain ? $"{figures} (high from {options.HighInteractionsFrom} interactions or {options.HighSessionsFrom} sessions)" : "");
        if (interactions >= options.MediumInteractionsFrom || sessions >= options.MediumSessionsFrom)
            return Assign(Medium, explain ? $"{figures} (medium from {options.MediumInteractionsFrom} interactions or {options.MediumSessionsFrom} sessions)" : "");
        return Assign(Low, explain ? $"{figures} (below {options.MediumInteractionsFrom} interactions and {options.MediumSessionsFrom} sessions)" : "");
    }

    private static string Plural(int n) => n == 1 ? "" : "s";

    private static ClassAssignment Assign(string value, string reason) => new(Dimensions.Engagement, value, reason);
}
