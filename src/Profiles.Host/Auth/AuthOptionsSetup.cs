using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Profiles.Host.Auth;

/// <summary>
/// Fills in keys when none are configured in Development, so that <c>dotnet run</c> works at once, and refuses to start
/// elsewhere without keys or with a key of an unknown role, naming the setting.
/// </summary>
public sealed class AuthOptionsSetup(IHostEnvironment environment) : IPostConfigureOptions<AuthOptions>, IValidateOptions<AuthOptions>
{
    // Options may be built more than once (IOptions and IOptionsMonitor cache separately): generate one set per run.
    private readonly Lazy<(string WriteKey, ApiKeyEntry[] ApiKeys)> _generated = new(() =>
        (NewKey("wk"), Roles.All.Select(role => new ApiKeyEntry { Key = NewKey(role), Role = role }).ToArray()));

    public void PostConfigure(string? name, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.WriteKeys.RemoveAll(string.IsNullOrWhiteSpace);
        if (options.WriteKeys.Count > 0 || options.ApiKeys.Count > 0 || !environment.IsDevelopment()) return;
        options.WriteKeys.Add(_generated.Value.WriteKey);
        options.ApiKeys.AddRange(_generated.Value.ApiKeys);
        options.Generated = true;
    }

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.WriteKeys.Count == 0)
            return ValidateOptionsResult.Fail("Profiles:Auth:WriteKeys is empty: configure at least one write key (or run in Development to get generated keys).");
        if (options.ApiKeys.Count == 0)
            return ValidateOptionsResult.Fail("Profiles:Auth:ApiKeys is empty: configure at least one { Key, Role } (or run in Development to get generated keys).");
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var entry = options.ApiKeys[i];
            if (string.IsNullOrWhiteSpace(entry.Key)) return ValidateOptionsResult.Fail($"Profiles:Auth:ApiKeys:{i}:Key is empty.");
            if (!Roles.All.Contains(entry.Role))
                return ValidateOptionsResult.Fail($"Profiles:Auth:ApiKeys:{i}:Role '{entry.Role}' is not one of {string.Join(", ", Roles.All)}.");
        }
        var all = options.WriteKeys.Concat(options.ApiKeys.Select(k => k.Key)).ToList();
        if (all.Distinct(StringComparer.Ordinal).Count() != all.Count)
            return ValidateOptionsResult.Fail("Profiles:Auth: a key is listed twice; every write key and API key must be distinct.");
        return ValidateOptionsResult.Success;
    }

    private static string NewKey(string prefix) => $"{prefix}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";
}
