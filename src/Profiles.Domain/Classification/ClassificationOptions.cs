using Profiles.Domain.Predictions;
using Profiles.Domain.Predictions.Clusters;

namespace Profiles.Domain.Classification;

/// <summary>Every classification threshold, bound from the <c>Profiles</c> configuration section.</summary>
public sealed class ClassificationOptions
{
    /// <summary>The configuration section: every dimension's settings are a section under it (<c>Profiles:Rfm</c>, …).</summary>
    public const string Section = "Profiles";

    public RfmOptions Rfm { get; set; } = new();
    public LifecycleOptions Lifecycle { get; set; } = new();
    public SatisfactionOptions Satisfaction { get; set; } = new();
    public ValueOptions Value { get; set; } = new();
    public EngagementOptions Engagement { get; set; } = new();
    public SocialOptions Social { get; set; } = new();
    public DemographicsOptions Demographics { get; set; } = new();
    public CustomSegmentsOptions Segments { get; set; } = new();

    /// <summary><c>Profiles:Predictions</c>: the population-fitted purchase and spend models and the churn risk thresholds.</summary>
    public PredictionOptions Predictions { get; set; } = new();

    /// <summary><c>Profiles:Clusters</c>: the discovered behavioural clusters.</summary>
    public ClusterOptions Clusters { get; set; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (Rfm.WindowDays < 1) throw new ArgumentException("Profiles:Rfm:WindowDays must be at least 1.");
        Rfm.Breakpoints.ToBreakpoints().Validate("Profiles:Rfm:Breakpoints");
        if (Rfm.Segments is null or { Count: 0 } && RfmSegmentMaps.Preset(Rfm.SegmentMap) is null)
            throw new ArgumentException($"Profiles:Rfm:SegmentMap '{Rfm.SegmentMap}' is not a shipped map (RxF, RPackage).");
        for (var i = 0; i < (Rfm.Segments?.Count ?? 0); i++)
        {
            var rule = Rfm.Segments![i];
            if (string.IsNullOrWhiteSpace(rule.Name))
                throw new ArgumentException($"Profiles:Rfm:Segments:{i}:Name is required.");
            if (!InRange(rule.RMin, rule.RMax) || !InRange(rule.FMin, rule.FMax) || !InRange(rule.MMin, rule.MMax))
                throw new ArgumentException($"Profiles:Rfm:Segments:{i} ({rule.Name}) needs ranges within 1–5 with min ≤ max.");
        }
        if (Lifecycle.NewDays < 0 || Lifecycle.ActiveDays < 1 || Lifecycle.ChurnDays < Lifecycle.ActiveDays)
            throw new ArgumentException("Profiles:Lifecycle needs NewDays ≥ 0, ActiveDays ≥ 1 and ChurnDays ≥ ActiveDays.");
        if (!double.IsFinite(Satisfaction.SatisfiedFrom) || !double.IsFinite(Satisfaction.UnsatisfiedTo) ||
            Satisfaction.SatisfiedFrom is < -1 or > 1 || Satisfaction.UnsatisfiedTo is < -1 or > 1)
            throw new ArgumentException("Profiles:Satisfaction:SatisfiedFrom and UnsatisfiedTo must be numbers from -1 to 1.");
        if (Satisfaction.UnsatisfiedTo >= Satisfaction.SatisfiedFrom)
            throw new ArgumentException("Profiles:Satisfaction:UnsatisfiedTo must be below Profiles:Satisfaction:SatisfiedFrom.");
        if (Satisfaction.TicketWindowDays < 1)
            throw new ArgumentException("Profiles:Satisfaction:TicketWindowDays must be at least 1.");
        if (Value.BFrom > Value.AFrom || Value.BFrom < 0)
            throw new ArgumentException("Profiles:Value:BFrom must be between 0 and Profiles:Value:AFrom.");
        if (Value.MediumAverageOrderFrom > Value.HighAverageOrderFrom || Value.MediumAverageOrderFrom < 0)
            throw new ArgumentException("Profiles:Value:MediumAverageOrderFrom must be between 0 and Profiles:Value:HighAverageOrderFrom.");
        ValidateEngagementAndSocial();
        ValidateDemographics();
        if ((Predictions ?? throw new ArgumentException($"{PredictionOptions.Section} is missing.")).Validate() is { } prediction)
            throw new ArgumentException(prediction);
        if ((Clusters ?? throw new ArgumentException($"{ClusterOptions.Section} is missing.")).Validate() is { } cluster)
            throw new ArgumentException(cluster);
        _ = ParseCustomSegments();
    }

    /// <summary>The custom segments parsed; throws <see cref="ArgumentException"/> naming the bad entry and position.</summary>
    public IReadOnlyList<CustomSegment> ParseCustomSegments()
    {
        var parsed = new List<CustomSegment>(Segments.Custom?.Count ?? 0);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < (Segments.Custom?.Count ?? 0); i++)
        {
            var segment = CustomSegment.Parse(Segments.Custom![i] ?? new(), $"Profiles:Segments:Custom:{i}");
            if (!names.Add(segment.Name))
                throw new ArgumentException($"Profiles:Segments:Custom:{i}:Name '{segment.Name}' is used by an earlier segment.");
            parsed.Add(segment);
        }
        return parsed;
    }

    private void ValidateEngagementAndSocial()
    {
        if (Engagement.RecentDays < 1) throw new ArgumentException("Profiles:Engagement:RecentDays must be at least 1.");
        if (Engagement.MediumInteractionsFrom < 1 || Engagement.MediumInteractionsFrom > Engagement.HighInteractionsFrom)
            throw new ArgumentException("Profiles:Engagement:MediumInteractionsFrom must be between 1 and Profiles:Engagement:HighInteractionsFrom.");
        if (Engagement.MediumSessionsFrom < 1 || Engagement.MediumSessionsFrom > Engagement.HighSessionsFrom)
            throw new ArgumentException("Profiles:Engagement:MediumSessionsFrom must be between 1 and Profiles:Engagement:HighSessionsFrom.");
        if (Social.InfluencerReferralsFrom < 1) throw new ArgumentException("Profiles:Social:InfluencerReferralsFrom must be at least 1.");
        if (Social.InfluencerSharesFrom < 1) throw new ArgumentException("Profiles:Social:InfluencerSharesFrom must be at least 1.");
        if (Social.ActiveFrom < 1) throw new ArgumentException("Profiles:Social:ActiveFrom must be at least 1.");
    }

    private void ValidateDemographics()
    {
        var d = Demographics;
        if (d.CountryTraits is { } keys && keys.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException("Profiles:Demographics:CountryTraits must not contain an empty trait name.");
        if (d.CountryAliases is null || d.CountryAliases.Any(a => string.IsNullOrWhiteSpace(a.Value)))
            throw new ArgumentException("Profiles:Demographics:CountryAliases must map every name to a non-empty value.");
        if (string.IsNullOrWhiteSpace(d.AgeTrait)) throw new ArgumentException("Profiles:Demographics:AgeTrait is required.");
        if (string.IsNullOrWhiteSpace(d.BirthdayTrait)) throw new ArgumentException("Profiles:Demographics:BirthdayTrait is required.");
        if (d.MaxAge is < 1 or > 200) throw new ArgumentException("Profiles:Demographics:MaxAge must be from 1 to 200.");
        var bands = d.EffectiveAgeBands;
        for (var i = 0; i < bands.Count; i++)
        {
            if (bands[i] < 1 || bands[i] > d.MaxAge || (i > 0 && bands[i] <= bands[i - 1]))
                throw new ArgumentException(
                    $"Profiles:Demographics:AgeBands must be strictly ascending ages from 1 to Profiles:Demographics:MaxAge; {bands[i]} is not.");
        }
    }

    private static bool InRange(int min, int max) => min >= 1 && max <= 5 && min <= max;
}
