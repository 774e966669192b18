namespace Profiles.Domain.Classification;

/// <summary>Settings under <c>Profiles:Segments</c>: the custom segments defined in configuration.</summary>
public sealed class CustomSegmentsOptions
{
    /// <summary>Custom segments, each a class dimension <c>segment:&lt;name&gt;</c> with the values member / non-member.</summary>
    public List<CustomSegmentDefinition> Custom { get; set; } = [];
}
