namespace Profiles.Host.Apis;

/// <summary>
/// The answer of <c>GET /api/stats/models</c>: the version and moment of the last refit, its time unit in days, the
/// customers who bought, the BG/NBD purchase model, the Gamma-Gamma spend model and the clusters. Version 0 (and
/// nulls) before the first refit.
/// </summary>
public sealed record ModelsResponse(
    long Version, DateTimeOffset? FittedAt, double TimeUnitDays, long Customers,
    PurchaseModelResponse? Purchases, SpendModelResponse? Spend, ClustersResponse? Clusters);
