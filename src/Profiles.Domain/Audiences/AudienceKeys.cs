using System.Text;
using Profiles.Domain.Classification;

namespace Profiles.Domain.Audiences;

/// <summary>
/// The key of an audience as Segment Engage names one (<c>audience_key</c>, a snake_case name that is also the name of the
/// boolean property): <c>&lt;dimension&gt;_&lt;class&gt;</c> for a built-in class (<c>lifecycle_dormant</c>,
/// <c>rfm_at_risk</c>), the segment's own name for a custom segment, whose audience is its members.
/// </summary>
public static class AudienceKeys
{
    /// <summary>The audience key of <paramref name="value"/> in <paramref name="dimension"/>; null when that class is no audience (a custom segment's non-members).</summary>
    public static string? Of(string dimension, string value)
    {
        ArgumentNullException.ThrowIfNull(dimension);
        ArgumentNullException.ThrowIfNull(value);
        if (Dimensions.IsCustomSegment(dimension))
            return value == CustomSegment.Member ? SnakeCase(dimension[Dimensions.CustomSegmentPrefix.Length..]) : null;
        return SnakeCase(dimension) + "_" + SnakeCase(value);
    }

    /// <summary>Lower case, words joined by '_': <c>purchasingPower</c> → <c>purchasing_power</c>, <c>at-risk</c> → <c>at_risk</c>.</summary>
    public static string SnakeCase(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var key = new StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                // A capital after a lower-case letter or digit starts a word (camelCase).
                if (char.IsAsciiLetterUpper(c) && i > 0 && (char.IsAsciiLetterLower(text[i - 1]) || char.IsAsciiDigit(text[i - 1])) && key.Length > 0 && key[^1] != '_')
                    key.Append('_');
                key.Append(char.ToLowerInvariant(c));
            }
            else if (key.Length > 0 && key[^1] != '_')
            {
                key.Append('_');
            }
        }
        while (key.Length > 0 && key[^1] == '_') key.Length--;
        return key.Length == 0 ? "_" : key.ToString();
    }
}
