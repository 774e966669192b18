namespace Profiles.Domain.Predictions;

/// <summary>
/// <paramref name="Count"/> customers with the same buy-till-you-die statistics, in the model's time unit: x repeat
/// purchases (<paramref name="Frequency"/>; a cell mean, so not always whole), the time t_x of the last purchase since
/// the first (<paramref name="Recency"/>) and the time T since the first purchase (<paramref name="Age"/>).
/// </summary>
public readonly record struct BtydObservation(double Frequency, double Recency, double Age, long Count);
