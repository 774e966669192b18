namespace Profiles.Domain.Classification;

/// <summary>One entry of <c>Profiles:Segments:Custom</c>: a named condition over profile fields.</summary>
public sealed class CustomSegmentDefinition
{
    /// <summary>Letters, digits, '-', '_' and '.', starting with a letter or digit, at most 64; the dimension is <c>segment:&lt;Name&gt;</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The condition, e.g. <c>valueTier = "A" and lifecycle in ["dormant", "churned"]</c>.</summary>
    public string Condition { get; set; } = "";
}
