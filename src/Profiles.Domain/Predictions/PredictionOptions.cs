namespace Profiles.Domain.Predictions;

/// <summary>Settings under <c>Profiles:Predictions</c>: the population-fitted BG/NBD and Gamma-Gamma models and what a profile shows from them.</summary>
public sealed class PredictionOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Profiles:Predictions";

    /// <summary>The models' time unit in days (default 7: weeks). The fitted r/α is a purchase rate per unit.</summary>
    public double TimeUnitDays { get; set; } = 7;

    /// <summary>
    /// How often the statistics grain refits the models and the clusters from the population statistics (default five
    /// minutes); a refit that would see nothing new (no change since the last one, the same day) is skipped.
    /// </summary>
    public TimeSpan RefitInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most optimiser iterations a fit may take (default 5,000); a fit stopped by it reports <see cref="FitStatus.IterationLimit"/>.</summary>
    public int MaxIterations { get; set; } = 5000;

    /// <summary>The customer-lifetime-value horizon in months of 30 days (default 12).</summary>
    public int ClvHorizonMonths { get; set; } = 12;

    /// <summary>The discount rate per month applied to future purchases in the CLV (default 0.01, i.e. 1% a month).</summary>
    public double MonthlyDiscountRate { get; set; } = 0.01;

    /// <summary>P(alive) below this is a high churn risk (default 0.3).</summary>
    public double HighChurnRiskBelow { get; set; } = 0.3;

    /// <summary>P(alive) below this (and not below <see cref="HighChurnRiskBelow"/>) is a medium churn risk (default 0.7).</summary>
    public double MediumChurnRiskBelow { get; set; } = 0.7;

    /// <summary>The first bad setting, named with its configuration key; null when every setting is valid.</summary>
    public string? Validate()
    {
        if (!double.IsFinite(TimeUnitDays) || TimeUnitDays <= 0) return $"{Section}:TimeUnitDays must be > 0.";
        if (RefitInterval <= TimeSpan.Zero || RefitInterval > TimeSpan.FromDays(1)) return $"{Section}:RefitInterval must be more than zero and at most a day.";
        if (MaxIterations < 1) return $"{Section}:MaxIterations must be at least 1.";
        if (ClvHorizonMonths is < 1 or > 1200) return $"{Section}:ClvHorizonMonths must be from 1 to 1200.";
        if (!double.IsFinite(MonthlyDiscountRate) || MonthlyDiscountRate < 0) return $"{Section}:MonthlyDiscountRate must be ≥ 0.";
        if (!double.IsFinite(HighChurnRiskBelow) || HighChurnRiskBelow is < 0 or > 1) return $"{Section}:HighChurnRiskBelow must be from 0 to 1.";
        if (!double.IsFinite(MediumChurnRiskBelow) || MediumChurnRiskBelow is < 0 or > 1) return $"{Section}:MediumChurnRiskBelow must be from 0 to 1.";
        if (MediumChurnRiskBelow < HighChurnRiskBelow) return $"{Section}:MediumChurnRiskBelow must be ≥ {Section}:HighChurnRiskBelow.";
        return null;
    }

    /// <summary>The churn risk of a customer alive with probability <paramref name="probabilityAlive"/>.</summary>
    public ChurnRisk ChurnRiskOf(double probabilityAlive) =>
        probabilityAlive < HighChurnRiskBelow ? ChurnRisk.High : probabilityAlive < MediumChurnRiskBelow ? ChurnRisk.Medium : ChurnRisk.Low;
}
