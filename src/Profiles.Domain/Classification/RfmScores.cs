namespace Profiles.Domain.Classification;

/// <summary>
/// Raw RFM values and their 1–5 scores. <see cref="RecencyDays"/> is null (and the scores are null) for a customer who
/// never ordered.
/// </summary>
public sealed record RfmScores(int? RecencyDays, int Frequency, decimal Monetary, int? R, int? F, int? M)
{
    /// <summary>"R5 F4 M3", or "no orders".</summary>
    public override string ToString() => R is null ? "no orders" : $"R{R} F{F} M{M}";
}
