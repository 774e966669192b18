using Profiles.Domain.Predictions;

namespace Profiles.Domain.Tests.Predictions;

public sealed class GaussHypergeometricTests
{
    // Distances to 1 from the series' own range to far past where a series could reach.
    public static TheoryData<double> Distances => [0.9, 0.5, 0.3, 0.1, 1e-2, 1e-4, 1e-7, 1e-10, 1e-13];

    [Theory]
    [MemberData(nameof(Distances))]
    public void OneOneTwoIsMinusLogOfOneMinusZOverZ(double distance)
    {
        // c − a − b = 0: the integer case in which the linear transformation to 1 − z breaks down.
        var z = 1 - distance;
        var expected = -Math.Log(distance) / z;
        AssertClose(expected, GaussHypergeometric.Evaluate(1, 1, 2, z, distance), 1e-12);
    }

    [Theory]
    [MemberData(nameof(Distances))]
    public void WhenCEqualsBTheFunctionIsAPowerOfOneMinusZ(double distance) =>
        AssertClose(Math.Pow(distance, -2.5), GaussHypergeometric.Evaluate(2.5, 3.7, 3.7, 1 - distance, distance), 1e-11);

    [Theory]
    [MemberData(nameof(Distances))]
    public void AHalfAHalfThreeHalvesIsArcsine(double distance)
    {
        // asin √z = π/2 − asin √(1 − z), which stays accurate where asin's slope is infinite.
        var root = Math.Sqrt(1 - distance);
        AssertClose((Math.PI / 2 - Math.Asin(Math.Sqrt(distance))) / root, GaussHypergeometric.Evaluate(0.5, 0.5, 1.5, 1 - distance, distance), 1e-12);
    }

    [Theory]
    [MemberData(nameof(Distances))]
    public void ANegativeIntegerAMakesAPolynomial(double distance)
    {
        double b = 2.3, c = 4.1, z = 1 - distance;
        // (−3)ₙ(b)ₙ/((c)ₙ n!) for n = 0..3.
        var expected = 1 - 3 * b / c * z + 3 * b * (b + 1) / (c * (c + 1)) * z * z - b * (b + 1) * (b + 2) / (c * (c + 1) * (c + 2)) * z * z * z;
        AssertClose(expected, GaussHypergeometric.Evaluate(-3, b, c, z, distance), 1e-12);
    }

    [Fact]
    public void NearOneTheFunctionApproachesGausssSum()
    {
        // ₂F₁(a, b; c; 1) = Γ(c)Γ(c − a − b)/(Γ(c − a)Γ(c − b)) when c − a − b > 0; here the remainder is O((1 − z)·ln(1 − z)).
        double a = 0.7, b = 1.9, c = 5.1;
        var sum = Math.Exp(PaperFormulas.LnGamma(c) + PaperFormulas.LnGamma(c - a - b) - PaperFormulas.LnGamma(c - a) - PaperFormulas.LnGamma(c - b));
        AssertClose(sum, GaussHypergeometric.Evaluate(a, b, c, 1 - 1e-14, 1e-14), 1e-11);
    }

    [Fact]
    public void TheSeriesAndTheContinuationAgreeWhereTheyMeet()
    {
        foreach (var (a, b, c) in new[] { (0.24, 2.43, 2.22), (3.1, -0.4, 7.5), (40.0, 12.0, 3.0), (0.5, 0.5, -0.3) })
        {
            var below = GaussHypergeometric.Tail(a, b, c, 0.5, 0.5).Value;
            // W′/W is at most a few hundred here, so a step of 1e-14 moves W by less than 1e-11.
            var above = GaussHypergeometric.Tail(a, b, c, 0.5 + 1e-14, 0.5 - 1e-14).Value;
            AssertClose(below, above, 1e-10);
        }
    }

    [Fact]
    public void ThePaperFormsSeriesAgreesWithThePlainSeriesUpToNearlyOne()
    {
        foreach (var (a, b, c) in new[] { (1.24, 3.43, 2.22), (30.24, 32.43, 33.2), (0.3, 0.9, 0.7), (5.0, 7.0, 20.5) })
        {
            foreach (var z in new[] { 0.2, 0.6, 0.9, 0.99, 0.999 })
                AssertClose(PaperFormulas.Hypergeometric(a, b, c, z), GaussHypergeometric.Evaluate(a, b, c, z), 1e-11);
        }
    }

    [Fact]
    public void HugeParametersStayFiniteInLogSpace()
    {
        foreach (var (a, b, c) in new[] { (2e4, 1e4, 2e4), (1e4, 9999.0, 1.5), (-40.5, 3.0, 2.0), (0.1, 1e5, 1e5 + 3) })
        {
            foreach (var distance in new[] { 0.7, 0.5, 0.1, 1e-6 })
            {
                var tail = GaussHypergeometric.Tail(a, b, c, 1 - distance, distance);
                Assert.True(double.IsFinite(tail.Mantissa) && double.IsFinite(tail.LogScale), $"W({a}, {b}; {c}; 1 − {distance}) = {tail}");
            }
        }
    }

    private static void AssertClose(double expected, double actual, double relative) =>
        Assert.True(PaperFormulas.Close(expected, actual, relative), $"expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / Math.Abs(expected):E2})");
}
