using Profiles.Grains.Hosting;

namespace Profiles.Grains.Statistics;

/// <summary>Refuses statistics settings (<c>Profiles:Statistics</c>) out of range, naming each bad key.</summary>
public sealed class StatisticsOptionsValidator : OptionsValidator<StatisticsOptions>
{
    /// <inheritdoc />
    protected override void Check(StatisticsOptions options, List<string> failures)
    {
        const string S = StatisticsOptions.Section;
        if (options.FlushInterval <= TimeSpan.Zero || options.FlushInterval > TimeSpan.FromMinutes(10))
            failures.Add($"{S}:FlushInterval must be more than zero and at most 10 minutes.");
        if (options.BreakpointsRefreshInterval <= TimeSpan.Zero || options.BreakpointsRefreshInterval > TimeSpan.FromMinutes(10))
            failures.Add($"{S}:BreakpointsRefreshInterval must be more than zero and at most 10 minutes.");
    }
}
