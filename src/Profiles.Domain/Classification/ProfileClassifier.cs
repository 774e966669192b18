using Profiles.Domain.Predictions;
using Profiles.Domain.Profiles;
using Profiles.Domain.Statistics;

namespace Profiles.Domain.Classification;

/// <summary>Classifies a profile in every dimension at a given moment. Deterministic: same profile, same moment, same classes.</summary>
public sealed class ProfileClassifier
{
    private readonly ClassificationOptions _options;
    private readonly IReadOnlyList<RfmSegmentRule> _rfmSegments;
    private readonly IReadOnlyList<CustomSegment> _customSegments;

    /// <summary>
    /// Validates <paramref name="options"/> and uses its fixed breakpoints and value thresholds unless population ones
    /// are given, and the published <paramref name="models"/> (none yet when null): one classifier per published
    /// breakpoint and model version, swapped whole. <paramref name="runtimeCustomSegments"/> are the custom segments defined
    /// at runtime, classified after those of the configuration.
    /// </summary>
    public ProfileClassifier(
        ClassificationOptions options,
        RfmBreakpoints? breakpoints = null,
        AbcThresholds? abc = null,
        PublishedModels? models = null,
        IReadOnlyList<CustomSegment>? runtimeCustomSegments = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _rfmSegments = options.Rfm.EffectiveSegments;
        _customSegments = runtimeCustomSegments is { Count: > 0 } ? [.. options.ParseCustomSegments(), .. runtimeCustomSegments] : options.ParseCustomSegments();
        Dimensions = [.. Classification.Dimensions.All, .. _customSegments.Select(s => s.Dimension)];
        Breakpoints = breakpoints ?? options.Rfm.Breakpoints.ToBreakpoints();
        Abc = abc;
        Models = models;
    }

    /// <summary>The classifier with every default.</summary>
    public static ProfileClassifier Default { get; } = new(new ClassificationOptions());

    public ClassificationOptions Options => _options;

    public RfmBreakpoints Breakpoints { get; }

    /// <summary>Population ABC thresholds; null when the fixed <c>Profiles:Value</c> thresholds apply.</summary>
    public AbcThresholds? Abc { get; }

    /// <summary>The population models and clusters customers are predicted and clustered with; null before the first refit.</summary>
    public PublishedModels? Models { get; }

    /// <summary>
    /// What the models predict for <paramref name="profile"/> at <paramref name="now"/> (P(alive), expected purchases,
    /// order value and CLV); null before a purchase model with parameters exists or for a customer who never bought.
    /// </summary>
    public CustomerPrediction? Predict(CustomerProfile profile, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return Models is { } models ? CustomerPredictor.Predict(models.Population, profile.CurrentPurchaseHistory(), now, _options.Predictions) : null;
    }

    /// <summary>
    /// <see cref="Predict"/>, remembered in the profile for its purchase history, the models and the day (all a prediction
    /// depends on): a custom segment that reads the expectations evaluates them on every classification.
    /// </summary>
    internal CustomerPrediction? PredictRemembered(CustomerProfile profile, DateTimeOffset now)
    {
        if (Models is not { } models) return null;
        var history = profile.CurrentPurchaseHistory();
        var day = PopulationContribution.DayOf(now);
        var memo = profile.PredictionMemo;
        if (!ReferenceEquals(memo.PredictionHistory, history) || !ReferenceEquals(memo.PredictionModels, models) || memo.PredictionDay != day ||
            !ReferenceEquals(memo.PredictionOptions, _options.Predictions))
        {
            memo.Prediction = CustomerPredictor.Predict(models.Population, history, now, _options.Predictions);
            (memo.PredictionHistory, memo.PredictionModels, memo.PredictionDay, memo.PredictionOptions) = (history, models, day, _options.Predictions);
        }
        return memo.Prediction;
    }

    /// <summary>The custom segments of <c>Profiles:Segments:Custom</c>, parsed, in configuration order, then the runtime ones.</summary>
    public IReadOnlyList<CustomSegment> CustomSegments => _customSegments;

    /// <summary>Every dimension this classifier assigns: the built-in ones, then one per custom segment.</summary>
    public IReadOnlyList<string> Dimensions { get; }

    public OrderSummary Summarize(CustomerProfile profile, DateTimeOffset now) =>
        OrderSummary.Of(profile, now, _options.Rfm.WindowDays, _options.Lifecycle.ActiveDays);

    public RfmScores Score(OrderSummary orders, DateTimeOffset now) => RfmClassifier.Score(orders, now, Breakpoints);

    /// <summary>
    /// Every dimension's class with its reason, in <see cref="Dimensions"/> order: the built-in dimensions of
    /// <see cref="Classification.Dimensions.All"/>, then the custom segments, whose conditions read the built-in classes.
    /// Without <paramref name="explain"/> the built-in dimensions' reasons are left empty: the fold needs only the classes,
    /// and making the reasons' text was most of its allocations.
    /// </summary>
    public IReadOnlyList<ClassAssignment> Classify(CustomerProfile profile, DateTimeOffset now, bool explain = true)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var orders = Summarize(profile, now);
        var scores = Score(orders, now);
        var demographics = _options.Demographics;
        var classes = new List<ClassAssignment>(Dimensions.Count)
        {
            RfmClassifier.Segment(scores, _rfmSegments, explain),
            LifecycleClassifier.Classify(orders, now, _options.Lifecycle, explain),
            SatisfactionClassifier.Classify(profile, now, _options.Satisfaction, explain),
            SatisfactionClassifier.ClassifyNps(profile.Satisfaction, explain),
            Abc is { } abc
                ? ValueClassifier.Tier(orders, _options.Rfm.WindowDays, abc, explain)
                : ValueClassifier.Tier(orders, _options.Rfm.WindowDays, _options.Value, explain),
            ValueClassifier.PurchasingPower(orders, _options.Value, explain),
            EngagementClassifier.Classify(profile.Engagement, now, _options.Engagement, explain),
            SocialClassifier.Classify(profile.Engagement, _options.Social, explain),
            GeographyClassifier.Classify(profile.Traits, demographics, explain),
            AgeBandClassifier.Classify(profile.Traits, now, demographics, explain),
            // Only P(alive) and the nearest centroid here: the fold must not pay for the expectations a view shows.
            PredictionClassifier.ChurnRisk(profile, Models, PopulationContribution.DayOf(now), _options.Predictions, explain),
            PredictionClassifier.Cluster(profile, orders, Models, PopulationContribution.DayOf(now), explain),
        };
        if (_customSegments.Count > 0)
        {
            var age = AgeBandClassifier.Age(profile.Traits, now, demographics).Age;
            var fields = new ProfileFields(profile, orders, scores, [.. classes], age is >= 0 && age <= demographics.MaxAge ? age : null, now, this);
            foreach (var segment in _customSegments) classes.Add(segment.Classify(fields));
        }
        return classes;
    }
}
