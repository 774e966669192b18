using System.Globalization;
using Profiles.Domain.Events;
using Profiles.Domain.Profiles;

namespace Profiles.Domain.Classification;

/// <summary>
/// Satisfaction from the latest CSAT, NPS, review and feedback sentiment and from recent tickets: each signal maps to
/// −1 … 1 and their mean decides satisfied / neutral / unsatisfied. NPS also gives its own category.
/// </summary>
public static class SatisfactionClassifier
{
    public const string Satisfied = "satisfied";
    public const string Neutral = "neutral";
    public const string Unsatisfied = "unsatisfied";
    public const string Unknown = "unknown";

    public const string Promoter = "promoter";
    public const string Passive = "passive";
    public const string Detractor = "detractor";
    public const string NoNps = "none";

    public static ClassAssignment Classify(CustomerProfile profile, DateTimeOffset now, SatisfactionOptions options, bool explain = true)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(options);
        var facts = profile.Satisfaction;
        var signals = new List<(double Score, string Why)>(5);
        if (facts.LatestCsat is { } csat) signals.Add(((csat.Value - 3) / 2.0, explain ? $"CSAT {csat.Value}" : ""));
        if (facts.LatestNps is { } nps) signals.Add((NpsScore(nps.Value), explain ? $"NPS {nps.Value}" : ""));
        if (facts.LatestReview is { } review) signals.Add(((review.Value - 3) / 2.0, explain ? $"review {review.Value}/5" : ""));
        if (facts.LatestSentiment is { } sentiment)
            signals.Add(((int)sentiment.Value, explain ? $"{sentiment.Value.ToString().ToLowerInvariant()} feedback" : ""));

        // Tickets dated within the window: a breached SLA counts whatever the ticket's state, an open ticket otherwise.
        var since = now.AddDays(-options.TicketWindowDays);
        var tickets = profile.TicketIndex;
        var breached = tickets.BreachedSince(since);
        var open = tickets.OpenSince(since);
        if (breached > 0) signals.Add((-1, !explain ? "" : $"{breached} SLA breach{(breached == 1 ? "" : "es")} in {options.TicketWindowDays} days"));
        else if (open > 0) signals.Add((-0.5, !explain ? "" : $"{open} open ticket{(open == 1 ? "" : "s")}"));

        if (signals.Count == 0) return new ClassAssignment(Dimensions.Satisfaction, Unknown, "no survey, review, feedback or ticket yet");

        var score = signals.Average(s => s.Score);
        var value = score >= options.SatisfiedFrom ? Satisfied : score <= options.UnsatisfiedTo ? Unsatisfied : Neutral;
        var reason = !explain ? "" : string.Create(CultureInfo.InvariantCulture,
            $"{string.Join(", ", signals.Select(s => s.Why))} → score {score:0.##}");
        return new ClassAssignment(Dimensions.Satisfaction, value, reason);
    }

    public static ClassAssignment ClassifyNps(SatisfactionFacts facts, bool explain = true)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.LatestNps is not { } nps) return new ClassAssignment(Dimensions.Nps, NoNps, "no NPS answer yet");
        var category = nps.Value >= 9 ? Promoter : nps.Value >= 7 ? Passive : Detractor;
        return new ClassAssignment(Dimensions.Nps, category, !explain ? "" : $"latest NPS answer {nps.Value} (9–10 promoter, 7–8 passive, 0–6 detractor)");
    }

    private static double NpsScore(int nps) => nps >= 9 ? 1 : nps >= 7 ? 0 : -1;
}
