namespace Profiles.Host.Apis;

/// <summary>
/// The BG/NBD fit: purchase rates ~ Gamma(<c>r</c>, <c>alpha</c>) per time unit, dropout probability ~ Beta(<c>a</c>,
/// <c>b</c>) (all null without parameters), the maximised log-likelihood, the customers fitted, and how the optimiser ended
/// (<c>status</c>: converged, iterationLimit, insufficientData or failed; <c>iterations</c>).
/// </summary>
public sealed record PurchaseModelResponse(
    double? R, double? Alpha, double? A, double? B, double LogLikelihood, long Customers, string Status, bool Converged, int Iterations);
