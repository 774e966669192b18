using Profiles.Domain.Conditions;
using Profiles.Domain.Predictions;
using Profiles.Domain.Profiles;

namespace Profiles.Domain.Classification;

/// <summary>
/// The fields a custom segment's condition can read, for one customer at one moment: figures (numbers), the
/// built-in classes (text) and traits (<c>traits.&lt;key&gt;</c>, text that compares as a number with a number).
/// </summary>
public sealed class ProfileFields : IFieldSource
{
    private const string TraitPrefix = "traits.";

    private static readonly Dictionary<string, Func<ProfileFields, FieldValue>> Numbers = new(StringComparer.Ordinal)
    {
        ["recency"] = f => FieldValue.OfNullable(f._scores.RecencyDays),
        ["frequency"] = f => FieldValue.Of(f._scores.Frequency),
        ["monetary"] = f => FieldValue.Of((double)f._scores.Monetary),
        ["r"] = f => FieldValue.OfNullable(f._scores.R),
        ["f"] = f => FieldValue.OfNullable(f._scores.F),
        ["m"] = f => FieldValue.OfNullable(f._scores.M),
        ["orders"] = f => FieldValue.Of(f._orders.LifetimeOrders),
        ["lifetimeRevenue"] = f => FieldValue.Of((double)f._orders.LifetimeRevenue),
        ["averageOrder"] = f => f._orders.LifetimeOrders == 0 ? FieldValue.Missing : FieldValue.Of((double)(f._orders.LifetimeRevenue / f._orders.LifetimeOrders)),
        ["reactivations"] = f => FieldValue.Of(f._orders.Reactivations),
        ["csat"] = f => FieldValue.OfNullable(f._profile.Satisfaction.LatestCsat?.Value),
        ["npsScore"] = f => FieldValue.OfNullable(f._profile.Satisfaction.LatestNps?.Value),
        ["review"] = f => FieldValue.OfNullable(f._profile.Satisfaction.LatestReview?.Value),
        ["openTickets"] = f => FieldValue.Of(f._profile.Satisfaction.OpenTickets),
        ["breachedTickets"] = f => FieldValue.Of(f._profile.Satisfaction.BreachedTickets),
        ["age"] = f => FieldValue.OfNullable(f._age),
        ["daysSinceSeen"] = f => f._profile.Engagement.LastSeen is { } seen ? FieldValue.Of(OrderSummary.DaysBetween(seen, f._now)) : FieldValue.Missing,
        ["engagement.pageViews"] = f => FieldValue.Of(f._profile.Engagement.PageViews),
        ["engagement.screenViews"] = f => FieldValue.Of(f._profile.Engagement.ScreenViews),
        ["engagement.trackedEvents"] = f => FieldValue.Of(f._profile.Engagement.TrackedEvents),
        ["engagement.interactions"] = f => FieldValue.Of(EngagementClassifier.Interactions(f._profile.Engagement)),
        ["engagement.sessions"] = f => FieldValue.Of(f._profile.Engagement.SessionCount),
        ["engagement.shares"] = f => FieldValue.Of(f._profile.Engagement.Shares),
        ["engagement.comments"] = f => FieldValue.Of(f._profile.Engagement.Comments),
        ["engagement.referrals"] = f => FieldValue.Of(f._profile.Engagement.Referrals),
        ["pAlive"] = f => f.ProbabilityAlive() is { } alive ? FieldValue.Of(alive) : FieldValue.Missing,
        ["expectedPurchases90"] = f => f.Prediction() is { } p ? FieldValue.Of(p.ExpectedPurchases90Days) : FieldValue.Missing,
        ["clv"] = f => f.Prediction()?.LifetimeValue is { } clv ? FieldValue.Of(clv) : FieldValue.Missing,
    };

    /// <summary>Text fields holding a built-in class, by field name → dimension (the names of the profile view).</summary>
    private static readonly Dictionary<string, string> ClassFields = new(StringComparer.Ordinal)
    {
        ["segment"] = Dimensions.Rfm,
        ["rfm"] = Dimensions.Rfm,
        ["lifecycle"] = Dimensions.Lifecycle,
        ["satisfaction"] = Dimensions.Satisfaction,
        ["nps"] = Dimensions.Nps,
        ["valueTier"] = Dimensions.Value,
        ["value"] = Dimensions.Value,
        ["purchasingPower"] = Dimensions.PurchasingPower,
        ["engagement"] = Dimensions.Engagement,
        ["socialRole"] = Dimensions.SocialRole,
        ["geography"] = Dimensions.Geography,
        ["ageBand"] = Dimensions.AgeBand,
        ["churnRisk"] = Dimensions.ChurnRisk,
        ["cluster"] = Dimensions.Cluster,
    };

    private readonly CustomerProfile _profile;
    private readonly OrderSummary _orders;
    private readonly RfmScores _scores;
    private readonly IReadOnlyList<ClassAssignment> _classes;
    private readonly int? _age;
    private readonly DateTimeOffset _now;
    private readonly ProfileClassifier? _classifier;
    private CustomerPrediction? _prediction;
    private bool _predicted;

    /// <summary>
    /// The fields of <paramref name="profile"/> at <paramref name="now"/>; the prediction fields read the models of
    /// <paramref name="classifier"/> (missing without one), computed only when a condition reads them.
    /// </summary>
    public ProfileFields(CustomerProfile profile, OrderSummary orders, RfmScores scores, IReadOnlyList<ClassAssignment> classes, int? age, DateTimeOffset now,
        ProfileClassifier? classifier = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(classes);
        _profile = profile;
        _orders = orders;
        _scores = scores;
        _classes = classes;
        _age = age;
        _now = now;
        _classifier = classifier;
    }

    /// <summary>P(alive) alone (no expectations), for a condition that reads only it.</summary>
    private double? ProbabilityAlive()
    {
        if (_predicted) return _prediction?.ProbabilityAlive;
        if (_classifier?.Models?.Population is not { Purchases.Parameters: { } parameters } model || _profile.CurrentPurchaseHistory() is not { } history) return null;
        var unit = model.TimeUnitDays;
        return BgNbdModel.ProbabilityAlive(parameters, history.RepeatPurchases, history.Recency(unit), history.Age(Statistics.PopulationContribution.DayOf(_now), unit));
    }

    private CustomerPrediction? Prediction()
    {
        if (!_predicted) (_prediction, _predicted) = (_classifier?.PredictRemembered(_profile, _now), true);
        return _prediction;
    }

    /// <summary>Every field name but traits, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Numbers.Keys.Concat(ClassFields.Keys).Order(StringComparer.Ordinal)];

    /// <summary>The type of a field, or null when there is no such field.</summary>
    public static FieldKind? KindOf(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (Numbers.ContainsKey(field)) return FieldKind.Number;
        if (ClassFields.ContainsKey(field)) return FieldKind.Text;
        if (field.StartsWith(TraitPrefix, StringComparison.Ordinal) && field.Length > TraitPrefix.Length) return FieldKind.Dynamic;
        return null;
    }

    public FieldValue Get(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (Numbers.TryGetValue(field, out var read)) return read(this);
        if (ClassFields.TryGetValue(field, out var dimension))
        {
            foreach (var c in _classes)
            {
                if (c.Dimension == dimension) return FieldValue.Of(c.Value);
            }
            return FieldValue.Missing;
        }
        if (field.StartsWith(TraitPrefix, StringComparison.Ordinal) && _profile.Traits.TryGetValue(field[TraitPrefix.Length..], out var trait))
            return FieldValue.Of(trait.Value);
        return FieldValue.Missing;
    }
}
