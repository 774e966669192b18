using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Profiles.Domain.Predictions;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Predictions;

/// <summary>
/// A population sent over HTTP is fitted by the service: <c>/api/stats/models</c> answers the fit of exactly the customers'
/// purchase histories, near the parameters they were drawn from; every profile shows what that model predicts from its own
/// history; churn risk and cluster are classes like the others, in the counts, the playbook and the condition language.
/// </summary>
public sealed class PopulationModelsTests(PopulationModelsFixture fixture) : IClassFixture<PopulationModelsFixture>
{
    private static readonly PredictionOptions Options = new();

    private readonly ProfilesApp _app = fixture.App;

    [Fact]
    public void TheModelsAreTheFitOfEveryCustomersPurchaseHistoryNearTheParametersTheyWereDrawnFrom()
    {
        var models = fixture.Models;
        var served = ModelsApi.ModelOf(models);
        Assert.True(served.Version >= 1);
        Assert.Equal(7, served.TimeUnitDays);
        Assert.Equal("converged", models["purchases"]!["status"]!.GetValue<string>());

        // Exactly the fit of the histories the test sent: ingest, fold, contributions, merge and refit lost nothing.
        var expected = PopulationModel.Fit(fixture.Population.Cells(), served.FittedAt, served.Version, Options);
        Assert.Equal(expected.Purchases.Parameters, served.Purchases.Parameters);
        Assert.Equal(expected.Spend.Parameters, served.Spend.Parameters);
        Assert.Equal(expected.Purchases.LogLikelihood, served.Purchases.LogLikelihood);
        Assert.Equal(expected.Spend.Customers, served.Spend.Customers);

        // Near the truth: at 4,000 customers every parameter is within 35% (the domain tests hold 20,000 to four standard errors).
        var (p, s) = (served.Purchases.Parameters!, served.Spend.Parameters!);
        foreach (var (name, truth, value) in new[]
                 {
                     ("r", RefitWorkload.Purchases.R, p.R), ("alpha", RefitWorkload.Purchases.Alpha, p.Alpha), ("a", RefitWorkload.Purchases.A, p.A),
                     ("b", RefitWorkload.Purchases.B, p.B), ("p", RefitWorkload.Spend.P, s.P), ("q", RefitWorkload.Spend.Q, s.Q),
                     ("gamma", RefitWorkload.Spend.Gamma, s.Gamma),
                 })
            Assert.True(Math.Abs(Math.Log(value / truth)) < Math.Log(1.35), $"{name} = {value}, drawn from {truth}");

        // The clusters: every customer who bought in one of k named centroids.
        var clusters = models["clusters"]!;
        var centroids = clusters["centroids"]!.AsArray();
        Assert.InRange(clusters["k"]!.GetValue<int>(), 2, 6);
        Assert.Equal(fixture.Population.Customers.Count, clusters["customers"]!.GetValue<long>());
        // Each centroid's size is its customers' weight rounded: together within a customer of the whole per centroid.
        Assert.InRange(centroids.Sum(c => c!["customers"]!.GetValue<long>()), fixture.Population.Customers.Count - centroids.Count, fixture.Population.Customers.Count + centroids.Count);
        Assert.Equal(centroids.Count, centroids.Select(c => c!["name"]!.GetValue<string>()).Distinct().Count());
        Assert.All(centroids, c => Assert.Equal(["frequency", "monetary", "recency"], c!["center"]!.AsObject().Select(e => e.Key)));
    }

    [Theory]
    [InlineData("sim-1")]
    [InlineData("sim-2")]
    [InlineData("sim-17")]
    [InlineData("regular")]
    [InlineData("lapsed")]
    public async Task AProfileShowsWhatTheModelPredictsFromItsOwnPurchaseHistory(string customer)
    {
        var (profile, model) = await ReadWithTheLatestModelAsync(customer);
        var predictions = profile["predictions"]!;
        var asOf = profile["asOf"]!.GetValue<DateTimeOffset>();
        var expected = CustomerPredictor.Predict(model, fixture.Population.HistoryOf(customer), asOf, Options)!;

        AssertClose(expected.ProbabilityAlive, predictions["pAlive"]!.GetValue<double>());
        AssertClose(expected.ExpectedPurchases30Days, predictions["expectedPurchases30"]!.GetValue<double>());
        AssertClose(expected.ExpectedPurchases90Days, predictions["expectedPurchases90"]!.GetValue<double>());
        AssertClose(expected.ExpectedPurchases365Days, predictions["expectedPurchases365"]!.GetValue<double>());
        AssertClose(expected.ExpectedOrderValue!.Value, predictions["expectedOrderValue"]!.GetValue<double>());
        AssertClose(expected.LifetimeValue!.Value, predictions["clv"]!.GetValue<double>());
        Assert.Equal(12, predictions["clvHorizonMonths"]!.GetValue<int>());
        Assert.Equal(model.Version, predictions["modelVersion"]!.GetValue<long>());
        // The churn risk class is P(alive) against the thresholds, with the reason; the cluster one of the model's.
        var churn = profile["classes"]!["churnRisk"]!;
        Assert.Equal(Options.ChurnRiskOf(expected.ProbabilityAlive).ToString().ToLowerInvariant(), churn["value"]!.GetValue<string>());
        Assert.StartsWith("P(alive) ", churn["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        var names = fixture.Models["clusters"]!["centroids"]!.AsArray().Select(c => c!["name"]!.GetValue<string>());
        Assert.Contains(profile["classes"]!["cluster"]!["value"]!.GetValue<string>(), names);
        Assert.StartsWith("nearest of ", profile["classes"]!["cluster"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACustomerWhoStoppedBuyingIsAHighChurnRiskInAPAliveSegmentWithARetentionOffer()
    {
        var (lapsed, _) = await ReadWithTheLatestModelAsync("lapsed");
        Assert.Equal("high", lapsed["classes"]!["churnRisk"]!["value"]!.GetValue<string>());
        Assert.Equal("member", lapsed["classes"]!["segment:slipping"]!["value"]!.GetValue<string>());
        Assert.Contains("pAlive", lapsed["classes"]!["segment:slipping"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        var retention = Assert.Single(lapsed["recommendations"]!.AsArray(), r => r!["dimension"]!.GetValue<string>() == "churnRisk");
        Assert.Equal("Retention offer before the customer is lost", retention!["action"]!.GetValue<string>());

        var (regular, _) = await ReadWithTheLatestModelAsync("regular");
        Assert.Equal("low", regular["classes"]!["churnRisk"]!["value"]!.GetValue<string>());
        Assert.Equal("non-member", regular["classes"]!["segment:slipping"]!["value"]!.GetValue<string>());
        Assert.Equal("member", regular["classes"]!["segment:growing"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheClassCountsCountChurnRiskAndClustersOnceCustomersAreTouched()
    {
        await ReadWithTheLatestModelAsync("lapsed");
        await ReadWithTheLatestModelAsync("regular");

        var ops = _app.ApiClient(TestKeys.Ops);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        JsonObject classes;
        do
        {
            await Task.Delay(100, cancel.Token);
            classes = (await ops.GetFromJsonAsync<JsonObject>(new Uri("/api/stats/classes", UriKind.Relative), cancel.Token))!["classes"]!.AsObject();
        }
        while (classes["churnRisk"]?["high"] is null || classes["churnRisk"]?["low"] is null);

        // Every customer is counted once in each: untouched ones in the class they got when they were last classified (unknown
        // before the first model, or a cluster of an earlier refit, whose names may differ) until their next touch.
        Assert.Equal(fixture.Population.Customers.Count, classes["churnRisk"]!.AsObject().Sum(c => c.Value!.GetValue<long>()));
        Assert.Equal(fixture.Population.Customers.Count, classes["cluster"]!.AsObject().Sum(c => c.Value!.GetValue<long>()));
    }

    /// <summary>The profile as a silo predicts it with the latest published model, and that model (read after it: the same version).</summary>
    private async Task<(JsonObject Profile, PopulationModel Model)> ReadWithTheLatestModelAsync(string customer)
    {
        var agent = _app.ApiClient(TestKeys.Agent);
        var ops = _app.ApiClient(TestKeys.Ops);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var profile = (await agent.GetFromJsonAsync<JsonObject>(new Uri($"/api/customers/{customer}", UriKind.Relative), cancel.Token))!;
            var models = (await ops.GetFromJsonAsync<JsonObject>(new Uri("/api/stats/models", UriKind.Relative), cancel.Token))!;
            if (profile["predictions"]?["modelVersion"]?.GetValue<long>() == models["version"]!.GetValue<long>()) return (profile, ModelsApi.ModelOf(models));
            await Task.Delay(100, cancel.Token);
        }
    }

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");
}
