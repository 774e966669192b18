namespace Profiles.Domain.Classification;

/// <summary>Settings under <c>Profiles:Segments</c>.</summary>
public sealed class SegmentsOptions
{
    /// <summary>Custom segments, each a class dimension <c>segment:&lt;name&gt;</c> with the values member / non-member.</summary>
    public List<CustomSegmentDefinition> Custom { get; set; } = [];
}
