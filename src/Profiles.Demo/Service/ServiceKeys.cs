using System.Security.Cryptography;

namespace Profiles.Demo.Service;

/// <summary>The keys the demo gives the service it starts: a write key and one API key per role, as the host generates its own.</summary>
public sealed record ServiceKeys(string WriteKey, string Agent, string Ops, string Admin)
{
    public static ServiceKeys Generate() => new(New("wk"), New("agent"), New("ops"), New("admin"));

    /// <summary>The service's <c>Profiles:Auth</c> settings as environment variables.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Profiles__Auth__WriteKeys__0"] = WriteKey,
        ["Profiles__Auth__ApiKeys__0__Key"] = Agent,
        ["Profiles__Auth__ApiKeys__0__Role"] = "agent",
        ["Profiles__Auth__ApiKeys__1__Key"] = Ops,
        ["Profiles__Auth__ApiKeys__1__Role"] = "ops",
        ["Profiles__Auth__ApiKeys__2__Key"] = Admin,
        ["Profiles__Auth__ApiKeys__2__Role"] = "admin",
    };

    private static string New(string prefix) => $"{prefix}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";
}
