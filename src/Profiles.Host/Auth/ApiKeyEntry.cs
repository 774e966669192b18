namespace Profiles.Host.Auth;

/// <summary>One configured API key and its role.</summary>
public sealed class ApiKeyEntry
{
    public string Key { get; set; } = "";

    /// <summary><c>agent</c>, <c>ops</c> or <c>admin</c>.</summary>
    public string Role { get; set; } = "";
}
