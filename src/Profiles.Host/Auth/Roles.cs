namespace Profiles.Host.Auth;

/// <summary>The roles an API key can carry.</summary>
public static class Roles
{
    /// <summary>Support agents: read one customer's profile and watch it live.</summary>
    public const string Agent = "agent";

    /// <summary>Ops teams: statistics and the live feed of class changes.</summary>
    public const string Ops = "ops";

    /// <summary>Back offices and operators: everything, including erasure and administration.</summary>
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Agent, Ops, Admin];
}
