using Profiles.Grains.Hosting;

namespace Profiles.Host.Hosting;

/// <summary>Refuses operations settings (<c>Profiles:Operations</c>) out of range, naming each bad key.</summary>
public sealed class OperationsOptionsValidator : OptionsValidator<OperationsOptions>
{
    /// <inheritdoc />
    protected override void Check(OperationsOptions options, List<string> failures)
    {
        const string S = OperationsOptions.Section;
        RequirePositive(failures, $"{S}:ShutdownTimeout", options.ShutdownTimeout, maxMinutes: 10);
        RequirePositive(failures, $"{S}:StorageProbeTimeout", options.StorageProbeTimeout, maxMinutes: 1);
    }
}
