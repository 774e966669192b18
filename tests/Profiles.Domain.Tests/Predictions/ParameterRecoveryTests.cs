using Profiles.Domain.Predictions;
using Xunit.Abstractions;

namespace Profiles.Domain.Tests.Predictions;

/// <summary>
/// Customers simulated from known parameters (the CDNOW fits of Fader, Hardie and Lee) and summarised into the
/// population cells must give those parameters back within sampling error. The standard errors come from the observed
/// information of the very sample, so the tolerance is honest: four of them, and the test also insists they are small
/// enough (under 10% per parameter) that a wrong fit could not hide inside them.
/// </summary>
public sealed class ParameterRecoveryTests(ITestOutputHelper output)
{
    private static readonly BgNbdParameters Cdnow = new(0.243, 4.414, 0.793, 2.426);
    private static readonly GammaGammaParameters CdnowSpend = new(6.25, 3.74, 15.44);
    private const int Customers = 20_000;
    private const int FirstDay = 730_000;

    /// <summary>
    /// The population of <see cref="Customers"/> acquired over 12 weeks and observed for 78, on a clock of
    /// <paramref name="ticksPerDay"/> ticks a day: the population counts purchase ticks, so at one tick a day two purchases on
    /// one day count once (as the service counts them), which the continuous-time model does not do.
    /// </summary>
    private static (BtydPopulation Population, List<PurchaseHistory> Histories, int Now) Simulate(int ticksPerDay, ulong seed)
    {
        var now = (FirstDay + 546) * ticksPerDay;
        var population = new BtydPopulation();
        var histories = new List<PurchaseHistory>(Customers);
        foreach (var purchases in PopulationSimulator.Simulate(Cdnow, CdnowSpend, Customers, FirstDay * ticksPerDay, 84 * ticksPerDay, now,
                     7.0 * ticksPerDay, seed))
        {
            var history = PurchaseHistory.OfDays(purchases)!;
            population.Add(history);
            histories.Add(history);
        }
        return (population, histories, now);
    }

    [Fact]
    public void BgNbdAndGammaGammaFitsRecoverTheParametersCustomersWereDrawnFromWithinFourStandardErrors()
    {
        // Ticks of an hour: purchases sharing a tick are rare enough not to bias the fit.
        var (population, _, now) = Simulate(24, seed: 2016);
        var observations = population.Observations(now, 7.0 * 24);
        var purchases = BgNbdModel.Fit(observations);
        var spendObservations = population.SpendObservations();
        var spend = GammaGammaModel.Fit(spendObservations);
        Assert.True(purchases.Converged);
        Assert.True(spend.Converged);

        var p = purchases.Parameters!;
        double[] estimate = [Math.Log(p.R), Math.Log(p.Alpha), Math.Log(p.A), Math.Log(p.B)];
        var errors = ObservedInformation.StandardErrors(
            t => BgNbdModel.LogLikelihood(new BgNbdParameters(Math.Exp(t[0]), Math.Exp(t[1]), Math.Exp(t[2]), Math.Exp(t[3])), observations), estimate);
        var s = spend.Parameters!;
        double[] spendEstimate = [Math.Log(s.P), Math.Log(s.Q), Math.Log(s.Gamma)];
        var spendErrors = ObservedInformation.StandardErrors(
            t => GammaGammaModel.LogLikelihood(new GammaGammaParameters(Math.Exp(t[0]), Math.Exp(t[1]), Math.Exp(t[2])), spendObservations), spendEstimate);

        var checks = new (string Name, double True, double Estimate, double Error)[]
        {
            ("r", Cdnow.R, p.R, errors[0]), ("α", Cdnow.Alpha, p.Alpha, errors[1]), ("a", Cdnow.A, p.A, errors[2]), ("b", Cdnow.B, p.B, errors[3]),
            ("p", CdnowSpend.P, s.P, spendErrors[0]), ("q", CdnowSpend.Q, s.Q, spendErrors[1]), ("γ", CdnowSpend.Gamma, s.Gamma, spendErrors[2]),
        };
        output.WriteLine($"{population.Cells.Count} BG/NBD cells, {population.SpendCells.Count} spend cells; {purchases.Customers} customers, {spend.Customers} repeat customers");
        foreach (var (name, truth, value, error) in checks)
            output.WriteLine($"{name}: true {truth}, recovered {value:F4}, standard error {error:P1}, {(Math.Log(value) - Math.Log(truth)) / error:+0.00;-0.00} standard errors off");
        foreach (var (name, truth, value, error) in checks)
        {
            Assert.True(error < 0.1, $"{name}'s standard error {error:P1} is too wide for the check to mean anything.");
            Assert.True(Math.Abs(Math.Log(value) - Math.Log(truth)) <= 4 * error, $"{name} = {value} is more than four standard errors ({error:P1}) from {truth}.");
        }
    }

    [Fact]
    public void SummarisingDayLevelCustomersIntoCellsMovesTheFitByLessThanHalfAStandardError()
    {
        // The cells' approximation (a cell's mean customer) against every customer's own statistics, on the service's day clock.
        var (population, histories, now) = Simulate(1, seed: 16);
        var cells = BgNbdModel.Fit(population.Observations(now, 7)).Parameters!;
        var exactObservations = histories.Select(h => h.Observation(now, 7)).ToList();
        var exact = BgNbdModel.Fit(exactObservations).Parameters!;
        double[] estimate = [Math.Log(exact.R), Math.Log(exact.Alpha), Math.Log(exact.A), Math.Log(exact.B)];
        var errors = ObservedInformation.StandardErrors(
            t => BgNbdModel.LogLikelihood(new BgNbdParameters(Math.Exp(t[0]), Math.Exp(t[1]), Math.Exp(t[2]), Math.Exp(t[3])), exactObservations), estimate);

        double[] fromCells = [Math.Log(cells.R), Math.Log(cells.Alpha), Math.Log(cells.A), Math.Log(cells.B)];
        for (var i = 0; i < 4; i++)
        {
            var shift = (fromCells[i] - estimate[i]) / errors[i];
            output.WriteLine($"parameter {i}: exact {Math.Exp(estimate[i]):F4}, cells {Math.Exp(fromCells[i]):F4}, {shift:+0.00;-0.00} standard errors");
            Assert.True(Math.Abs(shift) < 0.5, $"The cells move parameter {i} by {shift:F2} standard errors.");
        }
    }

    [Fact]
    public void AFitIsDeterministic()
    {
        var (population, _, now) = Simulate(1, seed: 7);
        var observations = population.Observations(now, 7);
        Assert.Equal(BgNbdModel.Fit(observations), BgNbdModel.Fit(observations));
        Assert.Equal(GammaGammaModel.Fit(population.SpendObservations()), GammaGammaModel.Fit(population.SpendObservations()));
    }
}
