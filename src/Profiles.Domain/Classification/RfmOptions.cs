namespace Profiles.Domain.Classification;

/// <summary>Settings under <c>Profiles:Rfm</c>.</summary>
public sealed class RfmOptions
{
    /// <summary>Frequency and monetary count the orders of the last this many days (default 365).</summary>
    public int WindowDays { get; set; } = 365;

    public RfmBreakpointOptions Breakpoints { get; set; } = new();

    /// <summary>A shipped RFM segment map by name: <c>RxF</c> (default) or <c>RPackage</c>. Ignored when <see cref="Segments"/> is set.</summary>
    public string SegmentMap { get; set; } = "RxF";

    /// <summary>An ordered RFM segment rule table (first match wins, otherwise "others") replacing the preset.</summary>
    public List<RfmSegmentRule>? Segments { get; set; }

    /// <summary>The RFM segment rules in force.</summary>
    public IReadOnlyList<RfmSegmentRule> EffectiveSegments =>
        Segments is { Count: > 0 } rules ? rules : RfmSegmentMaps.Preset(SegmentMap) ?? RfmSegmentMaps.RxFGrid;
}
