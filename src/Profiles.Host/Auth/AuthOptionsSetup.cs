using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Profiles.Host.Auth;

/// <summary>
/// Fills in keys when none are configured in Development, so that <c>dotnet run</c> works at once; elsewhere
/// <see cref="AuthOptionsValidator"/> refuses to start without keys.
/// </summary>
public sealed class AuthOptionsSetup(IHostEnvironment environment) : IPostConfigureOptions<AuthOptions>
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

    private static string NewKey(string prefix) => $"{prefix}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";
}
