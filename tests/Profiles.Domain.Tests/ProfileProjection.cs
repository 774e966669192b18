using System.Globalization;
using System.Text;
using Profiles.Domain.Classification;
using Profiles.Domain.Profiles;

namespace Profiles.Domain.Tests;

/// <summary>
/// A canonical text rendering of everything observable in a profile's facts (orders, satisfaction incl. tickets,
/// engagement, traits, identities, timeline, events applied) and of its classification at fixed moments.
/// Two profiles with equal renderings are observably the same; the text makes a failing comparison readable.
/// </summary>
internal static class ProfileProjection
{
    public static string Facts(CustomerProfile profile)
    {
        var text = new StringBuilder();
        Line(text, $"customer {profile.CustomerId}; events applied {profile.EventsApplied}");
        foreach (var (id, o) in profile.Orders.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            Line(text, $"order {id}: completed {Time(o.CompletedAt)} by {o.CompletionMessageId ?? "-"}, revenue {o.Revenue}, " +
                       $"refunded {o.Refunded}, fully refunded {o.FullyRefunded}, cancelled {o.Cancelled}, counts {o.Counts}, net {o.NetRevenue}");
        }

        var s = profile.Satisfaction;
        Line(text, $"csat {Stamp(s.LatestCsat)} n={s.CsatCount} sum={s.CsatSum}; nps {Stamp(s.LatestNps)} n={s.NpsCount} sum={s.NpsSum}");
        Line(text, $"review {Stamp(s.LatestReview)} n={s.ReviewCount} sum={s.ReviewSum}; sentiment {Stamp(s.LatestSentiment)} " +
                   $"+{s.PositiveFeedback} ={s.NeutralFeedback} -{s.NegativeFeedback}");
        foreach (var (id, t) in s.Tickets.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            Line(text, $"ticket {id}: opened {Time(t.OpenedAt)}, resolved {Time(t.ResolvedAt)}, breached {t.SlaBreached}, open {t.IsOpen}");
        }
        Line(text, $"open tickets {s.OpenTickets}, breached {s.BreachedTickets}");

        var g = profile.Engagement;
        Line(text, $"engagement: pages {g.PageViews}, screens {g.ScreenViews}, tracked {g.TrackedEvents}, shares {g.Shares}, " +
                   $"comments {g.Comments}, referrals {g.Referrals}, first {Time(g.FirstSeen)}, last {Time(g.LastSeen)}, " +
                   $"sessions [{string.Join(",", g.SessionHashes.Order())}]");
        foreach (var (key, value) in profile.Traits.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            Line(text, $"trait {key} = {Stamp<string>(value)}");
        }
        Line(text, $"identities [{string.Join(",", profile.Identities)}]");
        foreach (var entry in profile.Timeline)
        {
            Line(text, $"timeline {Time(entry.Timestamp)} {entry.MessageId} {entry.Kind}: {entry.Description}");
        }
        return text.ToString();
    }

    public static string Classes(IEnumerable<ClassAssignment> assignments) =>
        string.Join("\n", assignments.Select(a => $"{a.Dimension} = {a.Value} ({a.Reason})"));

    /// <summary>A classifier with custom segments over figures, classes and traits.</summary>
    public static ProfileClassifier WithSegments { get; } = CreateWithSegments();

    /// <summary>
    /// The facts and the classification (default, and with custom segments) at <see cref="CustomerEventGen.Now"/> and
    /// <see cref="CustomerEventGen.Midway"/>.
    /// </summary>
    public static string Observe(CustomerProfile profile) =>
        Facts(profile)
        + "--- classes now\n" + Classes(ProfileClassifier.Default.Classify(profile, CustomerEventGen.Now))
        + "\n--- classes midway\n" + Classes(ProfileClassifier.Default.Classify(profile, CustomerEventGen.Midway))
        + "\n--- segments now\n" + Classes(WithSegments.Classify(profile, CustomerEventGen.Now).Where(a => Dimensions.IsCustomSegment(a.Dimension)));

    private static ProfileClassifier CreateWithSegments()
    {
        var options = new ClassificationOptions();
        options.Segments.Custom =
        [
            new() { Name = "big-recent", Condition = "monetary > 1000 and (recency < 200 or frequency >= 3)" },
            new() { Name = "germans", Condition = "geography = 'DE' or traits.plan in ['a', 'b']" },
            new() { Name = "unhappy-engaged", Condition = "not satisfaction in ['satisfied', 'unknown'] and engagement.pageViews > 2 and age >= 30" },
        ];
        return new ProfileClassifier(options);
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');

    private static string Time(DateTimeOffset? at) => at?.ToString("O", CultureInfo.InvariantCulture) ?? "-";

    private static string Stamp<T>(Stamped<T>? value) =>
        value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v.Value}@{Time(v.At)}/{v.MessageId}") : "-";
}
