using System.Text;
using Profiles.Domain.Profiles;

namespace Profiles.Domain.Classification;

/// <summary>
/// Geography: the customer's country from the first present trait of <see cref="DemographicsOptions.CountryTraits"/>,
/// normalised to an upper-case ISO 3166-1 alpha-2 code when it is two letters, a known name or alpha-3 code, or a
/// configured alias; any other value is <c>other</c>. No such trait: <c>unknown</c>.
/// </summary>
/// <remarks>
/// The class values are a bounded set — the 676 letter pairs, the configured aliases, <c>other</c> and <c>unknown</c> —
/// because every value is a key of the cluster-wide statistics: free text sent as a country must not add keys there.
/// </remarks>
public static class GeographyClassifier
{
    public const string Unknown = "unknown";

    /// <summary>The class of a country trait that names no known country, code or alias.</summary>
    public const string Other = "other";

    private const int MaxLength = 64;

    public static ClassAssignment Classify(IReadOnlyDictionary<string, Stamped<string>> traits, DemographicsOptions options, bool explain = true)
    {
        ArgumentNullException.ThrowIfNull(traits);
        ArgumentNullException.ThrowIfNull(options);
        foreach (var key in options.EffectiveCountryTraits)
        {
            if (!traits.TryGetValue(key, out var trait) || trait.Value is not { } raw || string.IsNullOrWhiteSpace(raw)) continue;
            var country = Normalise(raw, options);
            return new ClassAssignment(Dimensions.Geography, country, explain ? $"{key} = \"{Shorten(raw.Trim())}\"" : "");
        }
        return new ClassAssignment(Dimensions.Geography, Unknown, explain ? $"no country trait ({string.Join(", ", options.EffectiveCountryTraits)})" : "");
    }

    /// <summary>The class value of a country as sent.</summary>
    public static string Normalise(string raw, DemographicsOptions options)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(options);
        var text = CollapseSpaces(raw);
        if (options.CountryAliases.TryGetValue(text, out var alias) && !string.IsNullOrWhiteSpace(alias)) return Shorten(alias.Trim());
        if (CountryNames.Lookup(text) is { } code) return code;
        if (text.Length == 2 && char.IsAsciiLetter(text[0]) && char.IsAsciiLetter(text[1])) return text.ToUpperInvariant();
        return Other;
    }

    private static string CollapseSpaces(string raw)
    {
        var text = new StringBuilder(raw.Length);
        foreach (var c in raw.Trim())
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (text.Length > 0 && text[^1] != ' ') text.Append(' ');
            }
            else
            {
                text.Append(c);
            }
        }
        return text.ToString();
    }

    private static string Shorten(string text) => text.Length <= MaxLength ? text : text[..MaxLength];
}
