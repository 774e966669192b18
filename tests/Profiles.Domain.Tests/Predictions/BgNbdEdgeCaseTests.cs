using Profiles.Domain.Predictions;

namespace Profiles.Domain.Tests.Predictions;

public sealed class BgNbdEdgeCaseTests
{
    private static readonly BgNbdParameters Cdnow = new(0.243, 4.414, 0.793, 2.426);

    // The fit's bounds and some awkward corners: a = 1 exactly, a tiny α (z next to 1 for a new customer), r far above a + b.
    private static readonly BgNbdParameters[] Awkward =
    [
        Cdnow, new(1e-4, 1e-4, 1e-4, 1e-4), new(1e4, 1e7, 1e4, 1e4), new(0.5, 1e-4, 1.0, 2.0), new(50, 3, 0.3, 0.2), new(2, 0.01, 9.5, 1e4),
    ];

    private static readonly (double X, double Recency, double Age)[] Customers =
    [
        (0, 0, 0),            // bought today for the first time
        (0, 0, 50),           // one purchase, long ago
        (0, 0, 10_000),       // one purchase, two centuries ago
        (3, 5, 10_000),       // a few purchases long ago
        (3, 9_999, 10_000),   // still buying after two centuries
        (100_000, 1_000, 1_000), // a purchase a day for twenty years
        (100_000, 10, 1_000), // ... that stopped long ago
        (1, 1e-3, 1e-3),
    ];

    [Fact]
    public void EveryPredictionAndLikelihoodIsFiniteAtTheEdges()
    {
        foreach (var p in Awkward)
        {
            foreach (var (x, recency, age) in Customers)
            {
                var alive = BgNbdModel.ProbabilityAlive(p, x, recency, age);
                Assert.InRange(alive, 0, 1);
                foreach (var horizon in new[] { 30 / 7.0, 365 / 7.0, 1e4 })
                {
                    var expected = BgNbdModel.ExpectedPurchases(p, horizon, x, recency, age);
                    Assert.True(double.IsFinite(expected) && expected >= 0, $"E[Y({horizon})] = {expected} for {p} at x={x} t_x={recency} T={age}");
                }
                if (age > 0)
                {
                    // A density in t_x, so above 0 for x > 0 at times; finite is what counts.
                    var likelihood = BgNbdModel.LogLikelihood(p, x, recency, age);
                    Assert.True(double.IsFinite(likelihood), $"LL = {likelihood} for {p} at x={x} t_x={recency} T={age}");
                }
            }
        }
    }

    [Fact]
    public void ACustomerWhoNeverBoughtAgainIsAlive() =>
        Assert.Equal(1, BgNbdModel.ProbabilityAlive(Cdnow, 0, 0, 78));

    [Fact]
    public void ALongSilenceAfterManyPurchasesMeansAlmostSurelyGone() =>
        Assert.True(BgNbdModel.ProbabilityAlive(Cdnow, 20, 10, 10_000) < 1e-12);

    [Fact]
    public void TheExpectationIsContinuousThroughAEqualToOne()
    {
        // The paper's form divides 0 by 0 at a = 1; the production form divides exactly.
        foreach (var (x, recency, age) in Customers.Where(c => c.Age < 5000))
        {
            double At(double a) => BgNbdModel.ExpectedPurchases(new BgNbdParameters(0.5, 3, a, 2), 52, x, recency, age);
            var at = At(1);
            Assert.True(PaperFormulas.Close((At(1 - 1e-7) + At(1 + 1e-7)) / 2, at, 1e-9), $"{at} at x={x} t_x={recency} T={age}");
        }
    }

    [Fact]
    public void ExpectedPurchasesGrowWithTheHorizonAndStartAtZero()
    {
        foreach (var (x, recency, age) in Customers)
        {
            var previous = BgNbdModel.ExpectedPurchases(Cdnow, 0, x, recency, age);
            Assert.Equal(0, previous);
            foreach (var horizon in new[] { 1e-6, 0.1, 1, 4, 13, 52, 520, 5200 })
            {
                var next = BgNbdModel.ExpectedPurchases(Cdnow, horizon, x, recency, age);
                Assert.True(next >= previous, $"E[Y({horizon})] = {next} < {previous} at x={x} t_x={recency} T={age}");
                previous = next;
            }
        }
    }

    [Fact]
    public void OverAShortHorizonACustomerBuysAtThePosteriorMeanRate()
    {
        // E[Y(t)] ≈ P(alive)·(r + x)/(α + T)·t as t → 0: the small-z end, where a naive 1 − (…)·₂F₁ cancels.
        foreach (var (x, recency, age) in Customers)
        {
            const double t = 1e-7;
            var rate = BgNbdModel.ProbabilityAlive(Cdnow, x, recency, age) * (Cdnow.R + x) / (Cdnow.Alpha + age);
            Assert.True(PaperFormulas.Close(rate * t, BgNbdModel.ExpectedPurchases(Cdnow, t, x, recency, age), 1e-5));
        }
    }

    [Fact]
    public void FittingNobodyOrOneCustomerReportsInsufficientDataWithoutParameters()
    {
        foreach (var observations in new List<BtydObservation>[] { [], [new(3, 10, 20, 1)], [new(0, 0, 20, 5_000)] })
        {
            var fit = BgNbdModel.Fit(observations);
            Assert.Equal(FitStatus.InsufficientData, fit.Status);
            Assert.False(fit.Converged);
            Assert.Null(fit.Parameters);
            Assert.Equal(0, fit.LogLikelihood);
        }
        foreach (var observations in new List<SpendObservation>[] { [], [new(2, 30, 1)], [new(0, 30, 100)] })
        {
            var fit = GammaGammaModel.Fit(observations);
            Assert.Equal(FitStatus.InsufficientData, fit.Status);
            Assert.Null(fit.Parameters);
        }
    }

    [Fact]
    public void AnEmptyPopulationGivesAModelWithoutParameters()
    {
        var model = PopulationModel.Fit(new BtydPopulation(), new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero), 3, new PredictionOptions());
        Assert.Equal(3, model.Version);
        Assert.Null(model.Purchases.Parameters);
        Assert.Null(model.Spend.Parameters);
        Assert.Equal(7, model.TimeUnitDays);
    }
}
