namespace Profiles.Domain.Classification;

/// <summary>The names of the dimensions a customer is classified in; the same strings appear in the API and on the wire.</summary>
public static class Dimensions
{
    public const string Rfm = "rfm";
    public const string Lifecycle = "lifecycle";
    public const string Satisfaction = "satisfaction";
    public const string Nps = "nps";
    public const string Value = "value";
    public const string PurchasingPower = "purchasingPower";
    public const string Engagement = "engagement";
    public const string SocialRole = "socialRole";
    public const string Geography = "geography";
    public const string AgeBand = "ageBand";

    /// <summary>Low, medium or high from the probability that the customer is still buying (BG/NBD P(alive)).</summary>
    public const string ChurnRisk = "churnRisk";

    /// <summary>The discovered behavioural cluster, named by its centroid (e.g. "recent, frequent, high spend").</summary>
    public const string Cluster = "cluster";

    /// <summary>The prefix of a custom segment's dimension: <c>segment:&lt;name&gt;</c>, with the values member / non-member.</summary>
    public const string CustomSegmentPrefix = "segment:";

    /// <summary>Every built-in dimension, in display order. Custom segments follow them (see <see cref="ProfileClassifier.Dimensions"/>).</summary>
    public static IReadOnlyList<string> All { get; } =
        [Rfm, Lifecycle, Satisfaction, Nps, Value, PurchasingPower, Engagement, SocialRole, Geography, AgeBand, ChurnRisk, Cluster];

    /// <summary>The dimension of the custom segment <paramref name="name"/>.</summary>
    public static string CustomSegment(string name) => CustomSegmentPrefix + name;

    /// <summary>Whether <paramref name="dimension"/> is a custom segment's.</summary>
    public static bool IsCustomSegment(string dimension) =>
        dimension is not null && dimension.StartsWith(CustomSegmentPrefix, StringComparison.Ordinal) && dimension.Length > CustomSegmentPrefix.Length;
}
