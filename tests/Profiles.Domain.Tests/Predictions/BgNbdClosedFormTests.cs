using Profiles.Domain.Predictions;

namespace Profiles.Domain.Tests.Predictions;

public sealed class BgNbdClosedFormTests
{
    // CDNOW's fit in weeks; a > 1; a and b small; r far above a + b (the production code's other form of the expectation);
    // a slow population with α large; a ≈ 1 but not 1.
    private static readonly BgNbdParameters[] Populations =
    [
        new(0.243, 4.414, 0.793, 2.426),
        new(2.5, 10.0, 3.2, 8.1),
        new(0.8, 0.5, 1.7, 0.9),
        new(6.7, 12.3, 0.55, 0.41),
        new(0.1, 80.0, 12.5, 40.0),
        new(1.3, 2.2, 1.0003, 5.5),
    ];

    // 30, 90 and 365 days in weeks, and a long horizon.
    private static readonly double[] Horizons = [30 / 7.0, 90 / 7.0, 365 / 7.0, 500];

    public static IEnumerable<(double X, double Recency, double Age)> Customers()
    {
        foreach (var age in new[] { 0.0, 0.5, 4, 30, 78, 250 })
        {
            yield return (0, 0, age);
            if (age == 0) continue;
            foreach (var x in new[] { 1.0, 2, 7, 30 })
            {
                foreach (var recency in new[] { age / 50, age / 3, age }) yield return (x, recency, age);
            }
        }
    }

    [Fact]
    public void ProbabilityAliveEqualsThePapersClosedFormToOnePartInABillion()
    {
        var compared = 0;
        foreach (var p in Populations)
        {
            foreach (var (x, recency, age) in Customers())
            {
                var expected = PaperFormulas.ProbabilityAlive(p.R, p.Alpha, p.A, p.B, x, recency, age);
                var actual = BgNbdModel.ProbabilityAlive(p, x, recency, age);
                Assert.True(PaperFormulas.Close(expected, actual, 1e-9), $"P(alive) {p} x={x} t_x={recency} T={age}: expected {expected:R}, got {actual:R}");
                compared++;
            }
        }
        Assert.True(compared > 300);
    }

    [Fact]
    public void ExpectedPurchasesEqualThePapersClosedFormToOnePartInABillion()
    {
        var compared = 0;
        foreach (var p in Populations)
        {
            foreach (var (x, recency, age) in Customers())
            {
                foreach (var t in Horizons)
                {
                    var expected = PaperFormulas.ExpectedPurchases(p.R, p.Alpha, p.A, p.B, t, x, recency, age);
                    var actual = BgNbdModel.ExpectedPurchases(p, t, x, recency, age);
                    // The paper's form divides by a − 1 after a subtraction that cancels as a → 1, so near a = 1 the reference
                    // itself is only good to about 1e-16/(a − 1).
                    var tolerance = Math.Max(1e-9, 1e-14 / Math.Abs(p.A - 1));
                    Assert.True(PaperFormulas.Close(expected, actual, tolerance),
                        $"E[Y({t})] {p} x={x} t_x={recency} T={age}: expected {expected:R}, got {actual:R}");
                    compared++;
                }
            }
        }
        Assert.True(compared > 1000);
    }

    [Fact]
    public void TheLogLikelihoodEqualsThePapersEquationSix()
    {
        foreach (var p in Populations)
        {
            foreach (var (x, recency, age) in Customers().Where(c => c.Age > 0))
            {
                var expected = PaperFormulas.LogLikelihood(p.R, p.Alpha, p.A, p.B, x, recency, age);
                var actual = BgNbdModel.LogLikelihood(p, x, recency, age);
                Assert.True(PaperFormulas.Close(expected, actual, 1e-9), $"LL {p} x={x} t_x={recency} T={age}: expected {expected:R}, got {actual:R}");
            }
        }
    }

    [Fact]
    public void ExpectedPurchasesOfANewCustomerMatchTheUnconditionalExpectation()
    {
        // Equation 7: E[X(t)] = (a + b − 1)/(a − 1)·[1 − (α/(α + t))^r ₂F₁(r, b; a + b − 1; t/(α + t))].
        var p = Populations[0];
        foreach (var t in Horizons)
        {
            var expected = (p.A + p.B - 1) / (p.A - 1) *
                (1 - Math.Pow(p.Alpha / (p.Alpha + t), p.R) * PaperFormulas.Hypergeometric(p.R, p.B, p.A + p.B - 1, t / (p.Alpha + t)));
            Assert.True(PaperFormulas.Close(expected, BgNbdModel.ExpectedPurchasesOfNewCustomer(p, t), 1e-9));
        }
    }
}
