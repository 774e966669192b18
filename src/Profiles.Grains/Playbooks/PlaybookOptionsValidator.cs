using Profiles.Grains.Hosting;

namespace Profiles.Grains.Playbooks;

/// <summary>Refuses playbook settings (<c>Profiles:Playbook</c>) without a file to read, naming the key.</summary>
public sealed class PlaybookOptionsValidator : OptionsValidator<PlaybookOptions>
{
    /// <inheritdoc />
    protected override void Check(PlaybookOptions options, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.Path)) failures.Add($"{PlaybookOptions.Section}:Path is required.");
    }
}
