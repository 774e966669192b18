using System.Collections.Frozen;

namespace Profiles.Domain.Profiles.Packing;

/// <summary>
/// The dimension and class names of the default classification, each packed as one byte instead of its text (every
/// customer carries a dozen of them in its classes and again in its reported contribution), and read back as one shared
/// string. Codes are stored: the list only ever grows at its end, up to <see cref="Reserved"/> names; a name not in it
/// is packed as its text.
/// </summary>
public static class KnownNames
{
    /// <summary>The codes kept for known names; a packed name above them is text (see <see cref="PackedWriter.Name"/>).</summary>
    public const int Reserved = 64;

    // Append only: a name's position is its stored code.
    private static readonly string[] Names =
    [
        // Dimensions.
        "rfm", "lifecycle", "satisfaction", "nps", "value", "purchasingPower", "engagement", "socialRole", "geography", "ageBand",
        // Classes shared by several dimensions.
        "unknown", "none", "other", "others", "high", "medium", "low", "inactive", "member", "non-member",
        // Lifecycle.
        "prospect", "new", "active", "dormant", "churned",
        // Satisfaction and NPS.
        "satisfied", "neutral", "unsatisfied", "promoter", "passive", "detractor",
        // Social role and value tier.
        "influencer", "lurker", "A", "B", "C",
        // The RFM segments of the default maps.
        "champions", "loyal-customers", "potential-loyalists", "potential-loyalist", "new-customers", "promising",
        "need-attention", "about-to-sleep", "at-risk", "cannot-lose-them", "hibernating", "lost",
        // The prediction dimensions (their classes low / medium / high / none / unknown are known above).
        "churnRisk", "cluster",
    ];

    private static readonly FrozenDictionary<string, int> Codes =
        Names.Select((name, code) => (name, code)).ToFrozenDictionary(n => n.name, n => n.code, StringComparer.Ordinal);

    /// <summary>How many names are known.</summary>
    public static int Count => Names.Length;

    /// <summary>The code of <paramref name="name"/>, or -1 when it is not known.</summary>
    public static int CodeOf(string name) => Codes.TryGetValue(name, out var code) ? code : -1;

    /// <summary>The name of <paramref name="code"/>; throws <see cref="FormatException"/> for a code no name has.</summary>
    public static string NameOf(int code) =>
        (uint)code < (uint)Names.Length ? Names[code] : throw new FormatException($"Packed name code {code} is not known (this reader knows {Names.Length}).");
}
