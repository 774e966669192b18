namespace Profiles.Domain.Predictions;

/// <summary>How likely a customer is to have stopped buying, from P(alive) (see <see cref="PredictionOptions"/>).</summary>
public enum ChurnRisk
{
    /// <summary>P(alive) at or above <see cref="PredictionOptions.MediumChurnRiskBelow"/>.</summary>
    Low = 0,

    /// <summary>P(alive) from <see cref="PredictionOptions.HighChurnRiskBelow"/> up to <see cref="PredictionOptions.MediumChurnRiskBelow"/>.</summary>
    Medium = 1,

    /// <summary>P(alive) below <see cref="PredictionOptions.HighChurnRiskBelow"/>.</summary>
    High = 2,
}
