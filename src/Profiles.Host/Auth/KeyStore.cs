using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Profiles.Host.Auth;

/// <summary>Looks keys up in constant time per key, so that response timing does not reveal how much of a key matched.</summary>
public sealed class KeyStore(IOptionsMonitor<AuthOptions> options)
{
    public bool IsWriteKey(string candidate) => options.CurrentValue.WriteKeys.Any(k => SameKey(k, candidate));

    /// <summary>The role of an API key, or null when the key is unknown.</summary>
    public string? RoleOf(string candidate) =>
        options.CurrentValue.ApiKeys.FirstOrDefault(k => SameKey(k.Key, candidate))?.Role;

    private static bool SameKey(string expected, string candidate) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(candidate));
}
