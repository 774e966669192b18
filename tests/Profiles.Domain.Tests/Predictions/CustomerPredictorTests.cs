using Profiles.Domain.Predictions;
using Profiles.Domain.Statistics;

namespace Profiles.Domain.Tests.Predictions;

public sealed class CustomerPredictorTests
{
    private static readonly BgNbdParameters Cdnow = new(0.243, 4.414, 0.793, 2.426);
    private static readonly GammaGammaParameters CdnowSpend = new(6.25, 3.74, 15.44);
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly int Today = PopulationContribution.DayOf(Now);

    private static PopulationModel Model(GammaGammaParameters? spend = null) => new(
        42, Now, 7,
        new BgNbdFit(Cdnow, -9000, 2357, FitStatus.Converged, 300),
        new GammaGammaFit(spend ?? CdnowSpend, -4000, 946, FitStatus.Converged, 200));

    private static readonly PurchaseHistory Regular = new(Today - 300, Today - 20, 6, 35.5m);

    [Fact]
    public void APredictionReadsTheModelsAtTheCustomersStatisticsToday()
    {
        var prediction = CustomerPredictor.Predict(Model(), Regular, Now, new PredictionOptions())!;
        double x = 6, recency = 280 / 7.0, age = 300 / 7.0;
        Assert.Equal(BgNbdModel.ProbabilityAlive(Cdnow, x, recency, age), prediction.ProbabilityAlive);
        Assert.Equal(BgNbdModel.ExpectedPurchases(Cdnow, 30 / 7.0, x, recency, age), prediction.ExpectedPurchases30Days);
        Assert.Equal(BgNbdModel.ExpectedPurchases(Cdnow, 90 / 7.0, x, recency, age), prediction.ExpectedPurchases90Days);
        Assert.Equal(BgNbdModel.ExpectedPurchases(Cdnow, 365 / 7.0, x, recency, age), prediction.ExpectedPurchases365Days);
        Assert.Equal(PaperFormulas.ExpectedSpend(6.25, 3.74, 15.44, x, 35.5), prediction.ExpectedOrderValue!.Value, 1e-9);
        Assert.Equal(42, prediction.ModelVersion);
        Assert.True(prediction.ExpectedPurchases30Days < prediction.ExpectedPurchases90Days);
        Assert.True(prediction.ExpectedPurchases90Days < prediction.ExpectedPurchases365Days);
    }

    [Fact]
    public void WithoutAModelOrAPurchaseThereIsNoPrediction()
    {
        var empty = new PopulationModel(1, Now, 7, new BgNbdFit(null, 0, 0, FitStatus.InsufficientData, 0), new GammaGammaFit(null, 0, 0, FitStatus.InsufficientData, 0));
        Assert.Null(CustomerPredictor.Predict(empty, Regular, Now, new PredictionOptions()));
        Assert.Null(CustomerPredictor.Predict(Model(), null, Now, new PredictionOptions()));
    }

    [Fact]
    public void WithoutASpendModelThereAreNoValues()
    {
        var model = Model() with { Spend = new GammaGammaFit(null, 0, 3, FitStatus.InsufficientData, 0) };
        var prediction = CustomerPredictor.Predict(model, Regular, Now, new PredictionOptions())!;
        Assert.Null(prediction.ExpectedOrderValue);
        Assert.Null(prediction.LifetimeValue);
        Assert.True(prediction.ExpectedPurchases365Days > 0);
    }

    [Fact]
    public void ASpendModelWithAnInfiniteMeanGivesNoValueToACustomerWithoutRepeats()
    {
        var prediction = CustomerPredictor.Predict(Model(new GammaGammaParameters(2, 0.8, 10)), Regular with { RepeatPurchases = 0, LastPurchaseDay = Regular.FirstPurchaseDay },
            Now, new PredictionOptions())!;
        Assert.Null(prediction.ExpectedOrderValue);
        Assert.Null(prediction.LifetimeValue);
    }

    [Fact]
    public void WithoutDiscountTheLifetimeValueIsTheExpectedPurchasesOverTheHorizonTimesTheExpectedValue()
    {
        double x = 6, recency = 40, age = 300 / 7.0;
        foreach (var months in new[] { 1, 12, 36 })
        {
            var value = CustomerPredictor.LifetimeValue(Cdnow, 47.5, x, recency, age, 7, months, 0);
            var expected = 47.5 * BgNbdModel.ExpectedPurchases(Cdnow, months * 30 / 7.0, x, recency, age);
            Assert.Equal(expected, value, 1e-9);
        }
    }

    [Fact]
    public void DiscountingLowersTheLifetimeValueAndMoreDiscountLowersItMore()
    {
        double x = 6, recency = 40, age = 300 / 7.0;
        var undiscounted = CustomerPredictor.LifetimeValue(Cdnow, 47.5, x, recency, age, 7, 24, 0);
        var discounted = CustomerPredictor.LifetimeValue(Cdnow, 47.5, x, recency, age, 7, 24, 0.01);
        var heavily = CustomerPredictor.LifetimeValue(Cdnow, 47.5, x, recency, age, 7, 24, 0.05);
        Assert.True(undiscounted > discounted && discounted > heavily && heavily > 0);
        // Every month's purchases are discounted by at least (1.01)^-24 and at most (1.01)^-1.
        Assert.InRange(discounted, undiscounted / Math.Pow(1.01, 24), undiscounted / 1.01);
    }

    [Fact]
    public void TheLifetimeValueDoesNotDependOnTheTimeUnit()
    {
        // The same population in days: α scales with the unit, r, a and b do not.
        var inDays = Cdnow with { Alpha = Cdnow.Alpha * 7 };
        var weekly = CustomerPredictor.LifetimeValue(Cdnow, 47.5, 6, 40, 300 / 7.0, 7, 12, 0.01);
        var daily = CustomerPredictor.LifetimeValue(inDays, 47.5, 6, 280, 300, 1, 12, 0.01);
        Assert.Equal(weekly, daily, 1e-9);
    }

    [Theory]
    [InlineData(0.05, ChurnRisk.High)]
    [InlineData(0.2999, ChurnRisk.High)]
    [InlineData(0.3, ChurnRisk.Medium)]
    [InlineData(0.6999, ChurnRisk.Medium)]
    [InlineData(0.7, ChurnRisk.Low)]
    [InlineData(1.0, ChurnRisk.Low)]
    public void ChurnRiskFollowsProbabilityAliveThresholds(double alive, ChurnRisk risk) =>
        Assert.Equal(risk, new PredictionOptions().ChurnRiskOf(alive));

    [Fact]
    public void ALapsedFrequentBuyerIsAHighChurnRiskAndARecentOneIsNot()
    {
        var options = new PredictionOptions();
        var lapsed = CustomerPredictor.Predict(Model(), new PurchaseHistory(Today - 400, Today - 300, 12, 30m), Now, options)!;
        var recent = CustomerPredictor.Predict(Model(), new PurchaseHistory(Today - 400, Today - 2, 12, 30m), Now, options)!;
        Assert.Equal(ChurnRisk.High, lapsed.ChurnRisk);
        Assert.Equal(ChurnRisk.Low, recent.ChurnRisk);
    }

    [Fact]
    public void DefaultOptionsAreValidAndABadSettingIsNamed()
    {
        Assert.Null(new PredictionOptions().Validate());
        Assert.Equal("Profiles:Predictions:TimeUnitDays must be > 0.", new PredictionOptions { TimeUnitDays = 0 }.Validate());
        Assert.Contains("Profiles:Predictions:MonthlyDiscountRate", new PredictionOptions { MonthlyDiscountRate = -0.1 }.Validate(), StringComparison.Ordinal);
        Assert.Contains("Profiles:Predictions:MediumChurnRiskBelow", new PredictionOptions { HighChurnRiskBelow = 0.8 }.Validate(), StringComparison.Ordinal);
        Assert.Contains("Profiles:Predictions:ClvHorizonMonths", new PredictionOptions { ClvHorizonMonths = 0 }.Validate(), StringComparison.Ordinal);
        Assert.Contains("Profiles:Predictions:RefitInterval", new PredictionOptions { RefitInterval = TimeSpan.Zero }.Validate(), StringComparison.Ordinal);
    }
}
