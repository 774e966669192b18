namespace Profiles.Domain.Predictions;

/// <summary><paramref name="Count"/> customers with <paramref name="Frequency"/> repeat purchases of mean value <paramref name="MeanValue"/> (Gamma-Gamma's input).</summary>
public readonly record struct SpendObservation(double Frequency, double MeanValue, long Count);
