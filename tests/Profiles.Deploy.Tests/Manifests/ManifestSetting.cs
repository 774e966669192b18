namespace Profiles.Deploy.Tests.Manifests;

/// <summary>One setting a manifest gives the host: where, its name, and its literal value (null when it comes from a secret or the downward API).</summary>
internal sealed record ManifestSetting(string Source, string Name, string? Value)
{
    public override string ToString() => $"{Source}: {Name}";
}
