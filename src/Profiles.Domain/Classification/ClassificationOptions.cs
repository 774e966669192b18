namespace Profiles.Domain.Classification;

/// <summary>Every classification threshold, bound from the <c>Profiles</c> configuration section.</summary>
public sealed class ClassificationOptions
{
    public RfmOptions Rfm { get; set; } = new();
    public LifecycleOptions Lifecycle { get; set; } = new();
    public SatisfactionOptions Satisfaction { get; set; } = new();
    public ValueOptions Value { get; set; } = new();

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
    }

    private static bool InRange(int min, int max) => min >= 1 && max <= 5 && min <= max;
}
