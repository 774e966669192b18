namespace Profiles.Domain.Profiles;

/// <summary>Counters of clickstream and social activity.</summary>
[GenerateSerializer]
public sealed class EngagementFacts
{
    [Id(0)] public int PageViews { get; set; }
    [Id(1)] public int ScreenViews { get; set; }
    [Id(2)] public int TrackedEvents { get; set; }
    [Id(3)] public int Shares { get; set; }
    [Id(4)] public int Comments { get; set; }
    [Id(5)] public int Referrals { get; set; }
    [Id(6)] public DateTimeOffset? FirstSeen { get; set; }
    [Id(7)] public DateTimeOffset? LastSeen { get; set; }

    /// <summary>Distinct client session ids seen (bounded), for the session count.</summary>
    [Id(8)] public HashSet<string> Sessions { get; set; } = new(StringComparer.Ordinal);
}
