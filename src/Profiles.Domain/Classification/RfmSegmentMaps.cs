namespace Profiles.Domain.Classification;

/// <summary>The RFM segment maps shipped with Profiles.</summary>
public static class RfmSegmentMaps
{
    /// <summary>The RFM segment of customers who match no rule.</summary>
    public const string Others = "others";

    /// <summary>The "RFM segment" of a customer who never ordered: RFM does not apply.</summary>
    public const string NoOrders = "none";

    /// <summary>The widely used R×F grid: complete and non-overlapping over the 25 R×F cells.</summary>
    public static IReadOnlyList<RfmSegmentRule> RxFGrid { get; } =
    [
        RfmSegmentRule.Of("hibernating", 1, 2, 1, 2),
        RfmSegmentRule.Of("at-risk", 1, 2, 3, 4),
        RfmSegmentRule.Of("cannot-lose-them", 1, 2, 5, 5),
        RfmSegmentRule.Of("about-to-sleep", 3, 3, 1, 2),
        RfmSegmentRule.Of("need-attention", 3, 3, 3, 3),
        RfmSegmentRule.Of("loyal-customers", 3, 4, 4, 5),
        RfmSegmentRule.Of("promising", 4, 4, 1, 1),
        RfmSegmentRule.Of("new-customers", 5, 5, 1, 1),
        RfmSegmentRule.Of("potential-loyalists", 4, 5, 2, 3),
        RfmSegmentRule.Of("champions", 5, 5, 4, 5),
    ];

    /// <summary>The example map of the R package <c>rfm</c> 0.3.0 (ordered, first match wins, else "others").</summary>
    public static IReadOnlyList<RfmSegmentRule> RPackage { get; } =
    [
        RfmSegmentRule.Of("champions", 5, 5, 5, 5, 5, 5),
        RfmSegmentRule.Of("potential-loyalist", 3, 5, 3, 5, 2, 5),
        RfmSegmentRule.Of("loyal-customers", 2, 4, 2, 4, 2, 4),
        RfmSegmentRule.Of("promising", 3, 4, 1, 3, 3, 5),
        RfmSegmentRule.Of("new-customers", 4, 5, 1, 3, 1, 5),
        RfmSegmentRule.Of("cannot-lose-them", 1, 2, 3, 4, 4, 5),
        RfmSegmentRule.Of("at-risk", 1, 2, 2, 5, 4, 5),
        RfmSegmentRule.Of("need-attention", 1, 3, 3, 5, 3, 5),
        RfmSegmentRule.Of("about-to-sleep", 2, 3, 1, 3, 1, 4),
        RfmSegmentRule.Of("lost", 1, 1, 1, 5, 1, 5),
    ];

    /// <summary>Looks a preset up by its configuration name (<c>RxF</c> or <c>RPackage</c>).</summary>
    public static IReadOnlyList<RfmSegmentRule>? Preset(string name) => name.ToUpperInvariant() switch
    {
        "RXF" or "RXFGRID" => RxFGrid,
        "RPACKAGE" or "RFM-0.3.0" => RPackage,
        _ => null,
    };
}
