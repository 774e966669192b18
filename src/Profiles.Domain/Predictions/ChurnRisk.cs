namespace Profiles.Domain.Predictions;

/// <summary>How likely a customer is to have stopped buying, from P(alive) (see <see cref="PredictionOptions"/>).</summary>
public enum ChurnRisk
{
    Low = 0,
    Medium = 1,
    High = 2,
}
