namespace Profiles.Domain.Classification;

/// <summary>Settings under <c>Profiles:Satisfaction</c>.</summary>
public sealed class SatisfactionOptions
{
    /// <summary>A satisfaction score (−1 … 1) at or above this is satisfied (default 0.3).</summary>
    public double SatisfiedFrom { get; set; } = 0.3;

    /// <summary>A score at or below this is unsatisfied (default −0.3).</summary>
    public double UnsatisfiedTo { get; set; } = -0.3;

    /// <summary>Tickets opened within this many days count towards satisfaction (default 90).</summary>
    public int TicketWindowDays { get; set; } = 90;
}
