namespace Profiles.Domain.Predictions;

/// <summary>
/// The BG/NBD model's parameters (Fader, Hardie and Lee 2005): purchase rates λ ~ Gamma(shape <paramref name="R"/>, rate
/// <paramref name="Alpha"/>) per time unit, and the probability p of dropping out after a purchase ~ Beta(<paramref name="A"/>, <paramref name="B"/>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BgNbdParameters(
    [property: Id(0)] double R,
    [property: Id(1)] double Alpha,
    [property: Id(2)] double A,
    [property: Id(3)] double B);
