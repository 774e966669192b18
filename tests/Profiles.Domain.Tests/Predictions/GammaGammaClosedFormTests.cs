using Profiles.Domain.Predictions;

namespace Profiles.Domain.Tests.Predictions;

public sealed class GammaGammaClosedFormTests
{
    private static readonly GammaGammaParameters[] Populations = [new(6.25, 3.74, 15.44), new(0.8, 1.2, 0.01), new(40, 200, 5e4)];

    [Fact]
    public void TheLogLikelihoodAndTheExpectedValueEqualThePapers()
    {
        foreach (var p in Populations)
        {
            foreach (var x in new[] { 1.0, 2, 5, 40, 3000 })
            {
                foreach (var m in new[] { 0.01, 3.5, 35, 2_000 })
                {
                    var likelihood = GammaGammaModel.LogLikelihood(p, x, m);
                    Assert.True(PaperFormulas.Close(PaperFormulas.SpendLogLikelihood(p.P, p.Q, p.Gamma, x, m), likelihood, 1e-9), $"{p} x={x} m={m}: {likelihood}");
                    var value = GammaGammaModel.ExpectedAverageValue(p, x, m)!.Value;
                    Assert.True(PaperFormulas.Close(PaperFormulas.ExpectedSpend(p.P, p.Q, p.Gamma, x, m), value, 1e-12), $"{p} x={x} m={m}: {value}");
                }
            }
        }
    }

    [Fact]
    public void ACustomerWithoutRepeatsIsExpectedToSpendThePopulationMean()
    {
        var p = Populations[0];
        Assert.Equal(p.PopulationMeanValue!.Value, GammaGammaModel.ExpectedAverageValue(p, 0, 0)!.Value, 1e-12);
        Assert.Null(new GammaGammaParameters(2, 0.9, 10).PopulationMeanValue);
    }

    [Fact]
    public void TheModelDoesNotDescribeZeroSpendOrZeroRepeats()
    {
        Assert.Equal(double.NegativeInfinity, GammaGammaModel.LogLikelihood(Populations[0], 0, 10));
        Assert.Equal(double.NegativeInfinity, GammaGammaModel.LogLikelihood(Populations[0], 3, 0));
    }
}
