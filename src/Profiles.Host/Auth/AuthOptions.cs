namespace Profiles.Host.Auth;

/// <summary>Settings under <c>Profiles:Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Profiles:Auth";

    /// <summary>Keys that may send events (<c>Profiles:Auth:WriteKeys</c>).</summary>
    public List<string> WriteKeys { get; set; } = [];

    /// <summary>Keys that may read, each with a role (<c>Profiles:Auth:ApiKeys</c>).</summary>
    public List<ApiKeyEntry> ApiKeys { get; set; } = [];

    /// <summary>Whether keys were generated at start because none were configured (Development only).</summary>
    public bool Generated { get; set; }
}
