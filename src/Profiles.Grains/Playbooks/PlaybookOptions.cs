namespace Profiles.Grains.Playbooks;

/// <summary>Settings under <c>Profiles:Playbook</c>.</summary>
public sealed class PlaybookOptions
{
    public const string Section = "Profiles:Playbook";

    /// <summary>
    /// The playbook file (JSON); a relative path is relative to the content root (the host's directory). Default
    /// <c>playbook.json</c>. Edits are picked up while running; a missing file means the built-in defaults.
    /// </summary>
    public string Path { get; set; } = "playbook.json";
}
