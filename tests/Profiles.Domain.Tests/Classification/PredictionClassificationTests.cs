using CsCheck;
using Profiles.Domain.Classification;
using Profiles.Domain.Predictions;
using Profiles.Domain.Predictions.Clusters;
using Profiles.Domain.Profiles;
using Profiles.Domain.Statistics;
using static Profiles.Domain.Tests.TestEvents;

namespace Profiles.Domain.Tests.Classification;

/// <summary>
/// churnRisk and cluster are classified from the published models like any other class: with reasons, in the condition
/// language, and — for churn risk, which rises as a silent customer ages — on the day the time triggers name.
/// </summary>
public sealed class PredictionClassificationTests
{
    private static readonly PopulationModel Population = new(3, Now, 7,
        new BgNbdFit(RefitWorkload.Purchases, -1000, 1000, FitStatus.Converged, 100),
        new GammaGammaFit(RefitWorkload.Spend, -500, 400, FitStatus.Converged, 100));

    private static PublishedModels Models(ClusterModel? clusters = null) => new(3, Now, Population, clusters);

    private static ProfileClassifier Classifier(PublishedModels? models, Action<ClassificationOptions>? configure = null)
    {
        var options = new ClassificationOptions();
        configure?.Invoke(options);
        return new ProfileClassifier(options, models: models);
    }

    /// <summary>Twelve weekly purchases, the last <paramref name="silentDays"/> days ago.</summary>
    private static CustomerProfile Regular(int silentDays) =>
        Profile([.. Enumerable.Range(0, 12).Select(i => Order($"o-{i}", DaysAgo(silentDays + 7 * (11 - i)), 45m))]);

    private static string ClassOf(ProfileClassifier classifier, CustomerProfile profile, string dimension, DateTimeOffset? at = null) =>
        classifier.Classify(profile, at ?? Now).Single(a => a.Dimension == dimension).Value;

    [Fact]
    public void ACustomerWhoNeverBoughtIsNoneAndABuyerBeforeAnyModelIsUnknown()
    {
        var withModel = Classifier(Models());
        Assert.Equal("none", ClassOf(withModel, Profile(Page(DaysAgo(1))), Dimensions.ChurnRisk));
        Assert.Equal("none", ClassOf(withModel, Profile(Page(DaysAgo(1))), Dimensions.Cluster));

        var buyer = Regular(2);
        var before = Classifier(null).Classify(buyer, Now);
        Assert.Equal(("unknown", "no purchase model fitted yet"), before.Where(a => a.Dimension == Dimensions.ChurnRisk).Select(a => (a.Value, a.Reason)).Single());
        Assert.Equal(("unknown", "no clusters fitted yet"), before.Where(a => a.Dimension == Dimensions.Cluster).Select(a => (a.Value, a.Reason)).Single());
        Assert.Null(Classifier(null).Predict(buyer, Now));
    }

    [Fact]
    public void ChurnRiskIsPAliveAgainstTheConfiguredThresholdsWithItsReason()
    {
        var classifier = Classifier(Models());
        var regular = classifier.Classify(Regular(2), Now).Single(a => a.Dimension == Dimensions.ChurnRisk);
        var alive = classifier.Predict(Regular(2), Now)!.ProbabilityAlive;
        Assert.Equal("low", regular.Value);
        Assert.Equal($"P(alive) {alive:0.000} ≥ 0.7 (11 repeat purchase days, the last 77 days after the first, 79 days since the first; model v3)", regular.Reason);

        Assert.Equal("high", ClassOf(classifier, Regular(400), Dimensions.ChurnRisk));
        // One purchase only: BG/NBD lets a customer drop out only after a repeat purchase, so P(alive) is 1.
        var once = classifier.Classify(Profile(Order("o-1", DaysAgo(700), 30m)), Now).Single(a => a.Dimension == Dimensions.ChurnRisk);
        Assert.Equal("low", once.Value);
        Assert.Contains("no repeat purchase yet", once.Reason, StringComparison.Ordinal);
        // The thresholds are settings.
        Assert.Equal("medium", ClassOf(Classifier(Models(), o => o.Predictions.MediumChurnRiskBelow = 0.999), Regular(2), Dimensions.ChurnRisk));
    }

    [Fact]
    public void TheClusterIsTheNameOfTheNearestCentroid()
    {
        var input = RefitWorkload.Build(customers: 5_000, seed: 9);
        var fitted = PublishedModels.Fit(input.Population, input.RfmCells, input.Now, 4, new PredictionOptions(), new ClusterOptions());
        var classifier = Classifier(fitted);
        var profile = Regular(2);
        var orders = classifier.Summarize(profile, Now);
        var recency = PopulationContribution.DayOf(Now) - PopulationContribution.DayOf(orders.LastOrder!.Value);

        var cluster = classifier.Classify(profile, Now).Single(a => a.Dimension == Dimensions.Cluster);

        Assert.Equal(fitted.Clusters!.ClusterOf([recency, orders.OrdersInWindow, (double)orders.RevenueInWindow]).Name, cluster.Value);
        Assert.StartsWith($"nearest of {fitted.Clusters.Centroids.Length} centroids: 2 days since the last order, 12 orders worth 540", cluster.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ConditionsReadPAliveExpectedPurchasesAndLifetimeValue()
    {
        void CustomSegments(ClassificationOptions o) => o.Segments.Custom =
        [
            new CustomSegmentDefinition { Name = "slipping", Condition = "pAlive < 0.3" },
            new CustomSegmentDefinition { Name = "growing", Condition = "expectedPurchases90 >= 1 and clv > 100" },
            new CustomSegmentDefinition { Name = "at-risk-regulars", Condition = "churnRisk = 'high' and cluster != 'none'" },
        ];
        var classifier = Classifier(Models(), CustomSegments);
        string Member(CustomerProfile profile, string segment) => ClassOf(classifier, profile, Dimensions.CustomSegment(segment));

        Assert.Equal("member", Member(Regular(400), "slipping"));
        Assert.Equal("member", Member(Regular(400), "at-risk-regulars"));
        Assert.Equal("non-member", Member(Regular(2), "slipping"));
        Assert.Equal("member", Member(Regular(2), "growing"));
        Assert.Contains("pAlive", classifier.Classify(Regular(400), Now).Single(a => a.Dimension == "segment:slipping").Reason, StringComparison.Ordinal);
        // Before a model the predictions are missing, and a missing value makes the comparison false.
        Assert.Equal("non-member", ClassOf(Classifier(null, CustomSegments), Regular(400), "segment:slipping"));
    }

    [Fact]
    public void ASilentCustomersChurnRiskRisesOnTheDaysItsNextChecksName()
    {
        // Walking from check to check: between two checks the class holds; at a check it may move. Without clusters the
        // cluster class stays put (the clusters have no trigger of their own: a customer moves between them on its next touch).
        var classifier = Classifier(Models());
        var profile = Regular(2);
        var seen = new List<string> { ClassOf(classifier, profile, Dimensions.ChurnRisk) };
        var at = Now;
        for (var step = 0; step < 60 && seen[^1] != "high"; step++)
        {
            var next = TimeTriggers.NextCheck(profile, classifier, at)!.Value;
            Assert.Equal(seen[^1], ClassOf(classifier, profile, Dimensions.ChurnRisk, next.AddTicks(-1)));
            var now = ClassOf(classifier, profile, Dimensions.ChurnRisk, next);
            if (now != seen[^1]) seen.Add(now);
            at = next;
        }
        Assert.Equal(["low", "medium", "high"], seen);
    }

    [Fact]
    public void AModelAddsNoCheckForACustomerWhoNeverBoughtAgain()
    {
        // P(alive) stays 1 without a repeat purchase: publishing a model wakes nobody of the kind most customers are.
        var once = Profile(Order("o-1", DaysAgo(20), 30m), Page(DaysAgo(3)));
        Assert.Equal(TimeTriggers.NextCheck(once, Classifier(null), Now), TimeTriggers.NextCheck(once, Classifier(Models()), Now));
        // A repeat buyer gets at most its own crossing days, never a wake at the model's publication.
        var regular = Regular(2);
        var crossing = BgNbdModel.AgeAtProbabilityAlive(RefitWorkload.Purchases, 11, 11, 0.7)!.Value;
        var withModel = TimeTriggers.NextCheck(regular, Classifier(Models()), Now)!.Value;
        Assert.True(withModel <= TimeTriggers.NextCheck(regular, Classifier(null), Now));
        Assert.True(withModel > Now.AddDays(1), $"{withModel} is no crossing {crossing} weeks after the first purchase");
    }

    [Fact]
    public void TheFoldsRememberedPredictionClassesAreAlwaysThoseComputedAfresh()
    {
        // The fold's classification reuses the last churn risk and cluster while their inputs stand; a view computes them
        // afresh (explain). After every event, at moments days apart and under two model versions, both agree.
        var input = RefitWorkload.Build(customers: 2_000, seed: 3);
        var fitted = PublishedModels.Fit(input.Population, input.RfmCells, input.Now, 1, new PredictionOptions(), new ClusterOptions());
        Gen.Select(CustomerEventGen.Sequence(), Gen.Int[0, 1]).Sample((events, version) =>
        {
            var classifiers = new[] { Classifier(fitted, ReadsPredictions), Classifier(fitted with { Version = 2, Clusters = null }, ReadsPredictions) };
            // The same models in another instance: nothing remembered matches them, so they are computed afresh.
            var twins = new[] { Classifier(fitted with { }, ReadsPredictions), Classifier(fitted with { Version = 2, Clusters = null }, ReadsPredictions) };
            var profile = CustomerProfile.Create("c");
            foreach (var e in events)
            {
                profile.Apply(e);
                foreach (var at in new[] { CustomerEventGen.Midway, CustomerEventGen.Now, CustomerEventGen.Now.AddDays(90) })
                {
                    var classifier = classifiers[version];
                    var remembered = classifier.Classify(profile, at, explain: false).Select(a => a.Value);
                    Assert.Equal(twins[version].Classify(profile, at, explain: true).Select(a => a.Value), remembered);
                    var next = TimeTriggers.NextCheck(profile, classifier, at);
                    Assert.Equal(TimeTriggers.NextCheck(profile, twins[version], at), next);
                    Assert.Equal(next, TimeTriggers.NextCheck(profile, classifier, at));
                    version = 1 - version;
                }
            }
        }, iter: 100);
    }

    private static void ReadsPredictions(ClassificationOptions options) => options.Segments.Custom =
    [
        new CustomSegmentDefinition { Name = "slipping", Condition = "pAlive < 0.5" },
        new CustomSegmentDefinition { Name = "growing", Condition = "expectedPurchases90 >= 0.2 or clv > 60" },
    ];

    [Fact]
    public void ABadPredictionOrClusterSettingIsNamed()
    {
        var options = new ClassificationOptions();
        options.Predictions.HighChurnRiskBelow = 1.5;
        Assert.Contains("Profiles:Predictions:HighChurnRiskBelow", Assert.Throws<ArgumentException>(options.Validate).Message, StringComparison.Ordinal);
        options = new ClassificationOptions();
        options.Clusters.MinClusters = 1;
        Assert.Contains("Profiles:Clusters:MinClusters", Assert.Throws<ArgumentException>(options.Validate).Message, StringComparison.Ordinal);
    }
}
