using System.Collections.Immutable;
using Profiles.Abstractions.Views;
using Profiles.Domain.Classification;
using Profiles.Domain.Playbooks;
using Profiles.Domain.Profiles;

namespace Profiles.Grains.Customers;

/// <summary>Projects a profile into the view agents and back offices read.</summary>
public static class ProfileViews
{
    /// <summary>The view of <paramref name="profile"/>, with the recommendations of <paramref name="playbook"/> (none when null).</summary>
    public static CustomerProfileView From(CustomerProfile profile, ProfileClassifier classifier, DateTimeOffset now, Playbook? playbook = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(classifier);
        var orders = classifier.Summarize(profile, now);
        var scores = classifier.Score(orders, now);
        var reasons = Reasons(profile, classifier, now);
        var classes = profile.Classes.ToImmutableSortedDictionary(
            c => c.Key, c => new ClassView(c.Value.Value, reasons[c.Key], c.Value.Since, c.Value.CausedBy), StringComparer.Ordinal);
        var satisfaction = profile.Satisfaction;
        var engagement = profile.Engagement;
        string ClassOf(string dimension) => profile.Classes.TryGetValue(dimension, out var c) ? c.Value : "unknown";

        return new CustomerProfileView
        {
            CustomerId = profile.CustomerId,
            Recency = scores.RecencyDays,
            Frequency = scores.Frequency,
            Monetary = scores.Monetary,
            Scores = new RfmScoresView(scores.R, scores.F, scores.M),
            RfmSegment = ClassOf(Dimensions.Rfm),
            Lifecycle = ClassOf(Dimensions.Lifecycle),
            Satisfaction = ClassOf(Dimensions.Satisfaction),
            Nps = ClassOf(Dimensions.Nps),
            ValueTier = ClassOf(Dimensions.Value),
            PurchasingPower = ClassOf(Dimensions.PurchasingPower),
            Classes = classes,
            Orders = new OrdersView(orders.LifetimeOrders, orders.LifetimeRevenue, orders.FirstOrder, orders.LastOrder, orders.Reactivations),
            Feedback = new FeedbackView(
                satisfaction.LatestCsat?.Value,
                satisfaction.CsatCount == 0 ? null : Math.Round((double)satisfaction.CsatSum / satisfaction.CsatCount, 2),
                satisfaction.LatestNps?.Value,
                satisfaction.LatestReview?.Value,
                satisfaction.LatestSentiment?.Value.ToString().ToLowerInvariant(),
                satisfaction.OpenTickets,
                satisfaction.BreachedTickets,
                Math.Max(satisfaction.CsatCount, satisfaction.NpsCount)),
            Engagement = new EngagementView(
                engagement.PageViews, engagement.ScreenViews, engagement.TrackedEvents, engagement.SessionCount,
                engagement.Shares, engagement.Comments, engagement.Referrals, engagement.FirstSeen, engagement.LastSeen),
            Traits = profile.Traits.ToImmutableSortedDictionary(t => t.Key, t => t.Value.Value, StringComparer.Ordinal),
            Identities = [.. profile.Identities],
            RecentEvents = [.. profile.Timeline.Select(t => new TimelineEntryView(t.MessageId, t.Timestamp, t.Kind, t.Description))],
            EventsApplied = profile.EventsApplied,
            RfmWindowDays = classifier.Options.Rfm.WindowDays,
            AsOf = now,
            Recommendations = playbook is null ? [] : [.. Recommend(profile, classifier, playbook, reasons)],
            Predictions = Predictions(profile, classifier, now),
        };
    }

    /// <summary>The predictions of <paramref name="classifier"/>'s models for the profile at <paramref name="now"/>; null before a model exists or without purchases.</summary>
    public static PredictionsView? Predictions(CustomerProfile profile, ProfileClassifier classifier, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        if (classifier.Predict(profile, now) is not { } p) return null;
        var options = classifier.Options.Predictions;
        return new PredictionsView(p.ProbabilityAlive, p.ExpectedPurchases30Days, p.ExpectedPurchases90Days, p.ExpectedPurchases365Days,
            p.ExpectedOrderValue, p.LifetimeValue, options.ClvHorizonMonths, options.MonthlyDiscountRate, p.ModelVersion);
    }

    /// <summary>The playbook's recommendations for the profile's current classes, highest priority first.</summary>
    public static IEnumerable<RecommendationView> Recommend(CustomerProfile profile, ProfileClassifier classifier, Playbook playbook, DateTimeOffset now) =>
        Recommend(profile, classifier, playbook, Reasons(profile, classifier, now));

    private static IEnumerable<RecommendationView> Recommend(
        CustomerProfile profile, ProfileClassifier classifier, Playbook playbook, IReadOnlyDictionary<string, string> reasons)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(playbook);
        var classes = classifier.Dimensions
            .Where(profile.Classes.ContainsKey)
            .Select(d => new ClassAssignment(d, profile.Classes[d].Value, reasons[d]));
        return playbook.Recommend(classes).Select(r => new RecommendationView(r.Dimension, r.Class, r.Action, r.Channel, r.Priority, r.Reason));
    }

    /// <summary>
    /// Why the profile holds each of its classes at <paramref name="now"/>: derived again here rather than kept with the
    /// class. A class the classification at <paramref name="now"/> no longer gives (the profile was not reclassified)
    /// keeps the reason stored with it, if any.
    /// </summary>
    private static Dictionary<string, string> Reasons(CustomerProfile profile, ProfileClassifier classifier, DateTimeOffset now)
    {
        var current = classifier.Classify(profile, now).ToDictionary(a => a.Dimension, StringComparer.Ordinal);
        return profile.Classes.ToDictionary(
            c => c.Key,
            c => current.TryGetValue(c.Key, out var a) && a.Value == c.Value.Value ? a.Reason : c.Value.Reason ?? "",
            StringComparer.Ordinal);
    }
}
