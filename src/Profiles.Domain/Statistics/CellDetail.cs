namespace Profiles.Domain.Statistics;

/// <summary>How much of the joint R×F×M distribution the population statistics keep.</summary>
public enum CellDetail
{
    /// <summary>None: fixed breakpoints never change, so RFM segment counts follow the customers' own class changes.</summary>
    None = 0,

    /// <summary>Last-order day × frequency: enough for RFM segment rules that do not read M (the R×F grid).</summary>
    RecencyFrequency = 1,

    /// <summary>Last-order day × frequency × revenue bucket: for rule tables that read M.</summary>
    Full = 2,
}
