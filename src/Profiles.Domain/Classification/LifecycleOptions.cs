namespace Profiles.Domain.Classification;

/// <summary>Settings under <c>Profiles:Lifecycle</c>.</summary>
public sealed class LifecycleOptions
{
    /// <summary>A customer whose first order is at most this many days old is new (default 30).</summary>
    public int NewDays { get; set; } = 30;

    /// <summary>A customer who ordered within this many days is active (default 90).</summary>
    public int ActiveDays { get; set; } = 90;

    /// <summary>A customer silent for longer than this is churned; between the two, dormant (default 180).</summary>
    public int ChurnDays { get; set; } = 180;
}
