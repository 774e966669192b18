namespace Profiles.Abstractions.Views;

/// <summary>The satisfaction signals behind the satisfaction class.</summary>
[GenerateSerializer, Immutable]
public sealed record FeedbackView(
    [property: Id(0)] int? LatestCsat,
    [property: Id(1)] double? AverageCsat,
    [property: Id(2)] int? LatestNps,
    [property: Id(3)] int? LatestReview,
    [property: Id(4)] string? LatestSentiment,
    [property: Id(5)] int OpenTickets,
    [property: Id(6)] int BreachedTickets,
    [property: Id(7)] int Surveys);
