using Profiles.Domain.Profiles;

namespace Profiles.Domain.Classification;

/// <summary>Classifies a profile in every dimension at a given moment. Deterministic: same profile, same moment, same classes.</summary>
public sealed class ProfileClassifier
{
    private readonly ClassificationOptions _options;
    private readonly IReadOnlyList<RfmSegmentRule> _segments;

    /// <summary>Validates <paramref name="options"/> and uses its fixed breakpoints until others are given.</summary>
    public ProfileClassifier(ClassificationOptions options, RfmBreakpoints? breakpoints = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _segments = options.Rfm.EffectiveSegments;
        Breakpoints = breakpoints ?? options.Rfm.Breakpoints.ToBreakpoints();
    }

    /// <summary>The classifier with every default.</summary>
    public static ProfileClassifier Default { get; } = new(new ClassificationOptions());

    public ClassificationOptions Options => _options;

    public RfmBreakpoints Breakpoints { get; }

    public OrderSummary Summarize(CustomerProfile profile, DateTimeOffset now) =>
        OrderSummary.Of(profile, now, _options.Rfm.WindowDays, _options.Lifecycle.ActiveDays);

    public RfmScores Score(OrderSummary orders, DateTimeOffset now) => RfmClassifier.Score(orders, now, Breakpoints);

    /// <summary>Every dimension's class with its reason, in <see cref="Dimensions.All"/> order.</summary>
    public IReadOnlyList<ClassAssignment> Classify(CustomerProfile profile, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var orders = Summarize(profile, now);
        return
        [
            RfmClassifier.Segment(Score(orders, now), _segments),
            LifecycleClassifier.Classify(orders, now, _options.Lifecycle),
            SatisfactionClassifier.Classify(profile.Satisfaction, now, _options.Satisfaction),
            SatisfactionClassifier.ClassifyNps(profile.Satisfaction),
            ValueClassifier.Tier(orders, _options.Rfm.WindowDays, _options.Value),
            ValueClassifier.PurchasingPower(orders, _options.Value),
        ];
    }
}
