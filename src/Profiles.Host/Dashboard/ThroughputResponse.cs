namespace Profiles.Host.Dashboard;

/// <summary>This silo's running totals at <paramref name="At"/>; two readings give events and class changes per second.</summary>
public sealed record ThroughputResponse(long Events, long ClassChanges, DateTimeOffset At);
