namespace Profiles.Domain.Classification;

/// <summary>Settings under <c>Profiles:Rfm:Breakpoints</c>.</summary>
public sealed class RfmBreakpointOptions
{
    /// <summary><c>Fixed</c> (the lists below) or <c>Population</c> (quintiles of all customers).</summary>
    public BreakpointMode Mode { get; set; } = BreakpointMode.Fixed;

    /// <summary>Four ascending day counts; default 14, 30, 90, 180.</summary>
    public double[]? Recency { get; set; }

    /// <summary>Four ascending order counts; default 1, 2, 4, 8.</summary>
    public double[]? Frequency { get; set; }

    /// <summary>Four ascending revenue amounts in the base currency; default 50, 150, 400, 1000.</summary>
    public double[]? Monetary { get; set; }

    /// <summary>The configured fixed breakpoints, defaults filling what is not set.</summary>
    public RfmBreakpoints ToBreakpoints() => new(
        Recency ?? RfmBreakpoints.Default.Recency,
        Frequency ?? RfmBreakpoints.Default.Frequency,
        Monetary ?? RfmBreakpoints.Default.Monetary,
        Version: 0);
}
