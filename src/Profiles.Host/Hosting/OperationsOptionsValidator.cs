using Profiles.Grains.Hosting;

namespace Profiles.Host.Hosting;

/// <summary>Refuses operations settings (<c>Profiles:Operations</c>) out of range, naming each bad key.</summary>
public sealed class OperationsOptionsValidator : OptionsValidator<OperationsOptions>
{
    /// <inheritdoc />
    protected override void Check(OperationsOptions options, List<string> failures)
    {
        const string S = OperationsOptions.Section;
        if (options.ShutdownTimeout <= TimeSpan.Zero || options.ShutdownTimeout > TimeSpan.FromMinutes(10))
            failures.Add($"{S}:ShutdownTimeout must be more than zero and at most 10 minutes, not {options.ShutdownTimeout}.");
        if (options.StorageProbeTimeout <= TimeSpan.Zero || options.StorageProbeTimeout > TimeSpan.FromMinutes(1))
            failures.Add($"{S}:StorageProbeTimeout must be more than zero and at most 1 minute, not {options.StorageProbeTimeout}.");
    }
}
