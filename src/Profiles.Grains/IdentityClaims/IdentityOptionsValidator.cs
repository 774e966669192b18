using Profiles.Grains.Hosting;

namespace Profiles.Grains.IdentityClaims;

/// <summary>Refuses identity settings (<c>Profiles:Identity</c>) the silo cannot run with, naming the key.</summary>
public sealed class IdentityOptionsValidator : OptionsValidator<IdentityOptions>
{
    /// <inheritdoc />
    protected override void Check(IdentityOptions options, List<string> failures)
    {
        RequirePositive(failures, $"{IdentityOptions.Section}:ErasureLogInterval", options.ErasureLogInterval);
    }
}
