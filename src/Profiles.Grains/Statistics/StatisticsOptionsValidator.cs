using Profiles.Grains.Hosting;

namespace Profiles.Grains.Statistics;

/// <summary>Refuses statistics settings (<c>Profiles:Statistics</c>) out of range, naming each bad key.</summary>
public sealed class StatisticsOptionsValidator : OptionsValidator<StatisticsOptions>
{
    /// <inheritdoc />
    protected override void Check(StatisticsOptions options, List<string> failures)
    {
        const string S = StatisticsOptions.Section;
        RequirePositive(failures, $"{S}:FlushInterval", options.FlushInterval, maxMinutes: 10);
        RequirePositive(failures, $"{S}:BreakpointsRefreshInterval", options.BreakpointsRefreshInterval, maxMinutes: 10);
    }
}
