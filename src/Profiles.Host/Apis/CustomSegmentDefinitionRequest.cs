namespace Profiles.Host.Apis;

/// <summary>The body of <c>PUT /api/segments/{name}</c>: the condition, in the condition language of <c>Profiles:Segments:Custom</c>.</summary>
/// <param name="Condition">E.g. <c>valueTier = "A" and lifecycle in ["dormant", "churned"]</c>; at most 4,000 characters.</param>
public sealed record CustomSegmentDefinitionRequest(string Condition);
