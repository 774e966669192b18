using Profiles.Domain.Events;

namespace Profiles.Domain.Profiles;

/// <summary>Everything a profile knows that bears on satisfaction: surveys, reviews, feedback and tickets.</summary>
[GenerateSerializer]
public sealed class SatisfactionFacts
{
    [Id(0)] public Stamped<int>? LatestCsat { get; set; }
    [Id(1)] public Stamped<int>? LatestNps { get; set; }
    [Id(2)] public Stamped<int>? LatestReview { get; set; }
    [Id(3)] public Stamped<Sentiment>? LatestSentiment { get; set; }
    [Id(4)] public int CsatCount { get; set; }
    [Id(5)] public int CsatSum { get; set; }
    [Id(6)] public int NpsCount { get; set; }
    [Id(7)] public int NpsSum { get; set; }
    [Id(8)] public int ReviewCount { get; set; }
    [Id(9)] public int ReviewSum { get; set; }
    [Id(10)] public int PositiveFeedback { get; set; }
    [Id(11)] public int NeutralFeedback { get; set; }
    [Id(12)] public int NegativeFeedback { get; set; }
    [Id(13)] public Dictionary<string, TicketRecord> Tickets { get; set; } = new(StringComparer.Ordinal);

    public int OpenTickets => Tickets.Values.Count(t => t.IsOpen);

    public int BreachedTickets => Tickets.Values.Count(t => t.SlaBreached);
}
