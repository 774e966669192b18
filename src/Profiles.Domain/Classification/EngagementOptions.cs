namespace Profiles.Domain.Classification;

/// <summary>Settings under <c>Profiles:Engagement</c>: the activity level from page and screen views, tracked events and sessions.</summary>
public sealed class EngagementOptions
{
    /// <summary>A customer not seen (any event) for more than this many days is inactive (default 30).</summary>
    public int RecentDays { get; set; } = 30;

    /// <summary>Interactions (page views + screen views + tracked events) from which a recent customer is high (default 50).</summary>
    public int HighInteractionsFrom { get; set; } = 50;

    /// <summary>Distinct sessions from which a recent customer is high, whatever the interactions (default 10).</summary>
    public int HighSessionsFrom { get; set; } = 10;

    /// <summary>Interactions from which a recent customer is medium (default 10).</summary>
    public int MediumInteractionsFrom { get; set; } = 10;

    /// <summary>Distinct sessions from which a recent customer is medium (default 3).</summary>
    public int MediumSessionsFrom { get; set; } = 3;
}
