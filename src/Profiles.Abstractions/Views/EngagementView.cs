namespace Profiles.Abstractions.Views;

/// <summary>Clickstream and social activity in figures.</summary>
[GenerateSerializer, Immutable]
public sealed record EngagementView(
    [property: Id(0)] int PageViews,
    [property: Id(1)] int ScreenViews,
    [property: Id(2)] int TrackedEvents,
    [property: Id(3)] int Sessions,
    [property: Id(4)] int Shares,
    [property: Id(5)] int Comments,
    [property: Id(6)] int Referrals,
    [property: Id(7)] DateTimeOffset? FirstSeen,
    [property: Id(8)] DateTimeOffset? LastSeen);
