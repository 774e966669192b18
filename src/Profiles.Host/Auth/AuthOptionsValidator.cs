using Profiles.Grains.Hosting;

namespace Profiles.Host.Auth;

/// <summary>
/// Refuses to start without keys (once Development's generated ones are filled in), with an empty key, a key of an unknown
/// role or a key listed twice, naming the setting.
/// </summary>
public sealed class AuthOptionsValidator : OptionsValidator<AuthOptions>
{
    /// <inheritdoc />
    protected override void Check(AuthOptions options, List<string> failures)
    {
        const string S = AuthOptions.Section;
        if (options.WriteKeys.Count == 0)
            failures.Add($"{S}:WriteKeys is empty: configure at least one write key (or run in Development to get generated keys).");
        if (options.ApiKeys.Count == 0)
            failures.Add($"{S}:ApiKeys is empty: configure at least one {{ Key, Role }} (or run in Development to get generated keys).");
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var entry = options.ApiKeys[i];
            if (string.IsNullOrWhiteSpace(entry.Key)) failures.Add($"{S}:ApiKeys:{i}:Key is empty.");
            if (!Roles.All.Contains(entry.Role))
                failures.Add($"{S}:ApiKeys:{i}:Role '{entry.Role}' is not one of {string.Join(", ", Roles.All)}.");
        }
        var all = options.WriteKeys.Concat(options.ApiKeys.Select(k => k.Key)).ToList();
        if (all.Distinct(StringComparer.Ordinal).Count() != all.Count)
            failures.Add($"{S}: a key is listed twice; every write key and API key must be distinct.");
    }
}
