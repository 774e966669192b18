namespace Profiles.Host.Apis;

/// <summary>
/// The Gamma-Gamma fit: a purchase's value ~ Gamma(<c>p</c>, ν) with ν ~ Gamma(<c>q</c>, <c>gamma</c>) (null without
/// parameters), the population's mean purchase value it implies (null when q ≤ 1), the maximised log-likelihood, the repeat
/// customers fitted and how the optimiser ended.
/// </summary>
public sealed record SpendModelResponse(
    double? P, double? Q, double? Gamma, double? MeanValue, double LogLikelihood, long Customers, string Status, bool Converged, int Iterations);
