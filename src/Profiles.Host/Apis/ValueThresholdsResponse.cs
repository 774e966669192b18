namespace Profiles.Host.Apis;

/// <summary>Value tiers: A from <c>a</c>, B from <c>b</c>; <c>comparison</c> says whether the bound itself is in (atLeast) or not (above).</summary>
public sealed record ValueThresholdsResponse(double A, double B, string Comparison);
