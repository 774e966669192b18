namespace Profiles.Domain.Classification;

/// <summary>
/// Population ABC tiers: a customer whose net revenue in the window is above <see cref="AAbove"/> is A, above
/// <see cref="BAbove"/> B, otherwise C. Derived so that A holds the top customers bringing 80% of the revenue and B the
/// next 15% (see <see cref="Statistics.PopulationQuantiles.Abc"/>).
/// </summary>
public sealed record AbcThresholds(double AAbove, double BAbove);
