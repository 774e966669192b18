namespace Profiles.Grains.Statistics;

/// <summary>Settings under <c>Profiles:Statistics</c> for the population statistics.</summary>
public sealed class StatisticsOptions
{
    public const string Section = "Profiles:Statistics";

    /// <summary>How often each silo sends what its customers changed to the statistics grain (default 1 s).</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often each silo reads the latest population models, and breakpoints in Population mode (default 2 s).</summary>
    public TimeSpan BreakpointsRefreshInterval { get; set; } = TimeSpan.FromSeconds(2);
}
