namespace Profiles.Domain.Predictions;

/// <summary>
/// The Gamma-Gamma spend model's parameters (Fader, Hardie and Lee, "RFM and CLV", 2005): a transaction's value ~ Gamma(shape
/// <paramref name="P"/>, rate ν) and each customer's ν ~ Gamma(shape <paramref name="Q"/>, rate <paramref name="Gamma"/>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record GammaGammaParameters(
    [property: Id(0)] double P,
    [property: Id(1)] double Q,
    [property: Id(2)] double Gamma)
{
    /// <summary>The population's mean transaction value γp/(q − 1); null when q ≤ 1, where the model's mean is infinite.</summary>
    public double? PopulationMeanValue => Q > 1 ? Gamma * P / (Q - 1) : null;
}
