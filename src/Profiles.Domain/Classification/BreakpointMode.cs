namespace Profiles.Domain.Classification;

/// <summary>Where RFM breakpoints come from.</summary>
public enum BreakpointMode
{
    /// <summary>Four numbers per score from configuration.</summary>
    Fixed = 0,

    /// <summary>Quintiles of the whole customer population, kept incrementally.</summary>
    Population = 1,
}
