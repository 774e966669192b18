namespace Profiles.Domain.Predictions;

/// <summary>
/// A BG/NBD fit: the parameters (null when <paramref name="Status"/> says there are none), the maximised log-likelihood
/// (0 without parameters: never NaN, which JSON cannot carry), the customers it was fitted to and how the optimiser ended.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BgNbdFit(
    [property: Id(0)] BgNbdParameters? Parameters,
    [property: Id(1)] double LogLikelihood,
    [property: Id(2)] long Customers,
    [property: Id(3)] FitStatus Status,
    [property: Id(4)] int Iterations)
{
    /// <summary>Whether the optimiser met its tolerances.</summary>
    public bool Converged => Status == FitStatus.Converged;
}
