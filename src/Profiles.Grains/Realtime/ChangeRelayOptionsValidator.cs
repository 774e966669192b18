using Profiles.Grains.Hosting;

namespace Profiles.Grains.Realtime;

/// <summary>Refuses change relay settings (<c>Profiles:Realtime</c>) the relay cannot run with, naming the key.</summary>
public sealed class ChangeRelayOptionsValidator : OptionsValidator<ChangeRelayOptions>
{
    /// <inheritdoc />
    protected override void Check(ChangeRelayOptions options, List<string> failures)
    {
        const string S = ChangeRelayOptions.Section;
        if (options.FlushInterval < TimeSpan.Zero || options.FlushInterval > TimeSpan.FromMinutes(1))
            failures.Add($"{S}:FlushInterval must be from zero to 1 minute, not {options.FlushInterval}.");
        if (options.MaxBatchSize < 1) failures.Add($"{S}:MaxBatchSize must be at least 1.");
        if (options.QueueCapacity < 1) failures.Add($"{S}:QueueCapacity must be at least 1.");
        RequirePositive(failures, $"{S}:ObserverRefreshInterval", options.ObserverRefreshInterval);
        RequirePositive(failures, $"{S}:DeliveryTimeout", options.DeliveryTimeout, maxMinutes: 10);
    }
}
