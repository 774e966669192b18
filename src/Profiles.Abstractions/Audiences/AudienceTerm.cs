namespace Profiles.Abstractions.Audiences;

/// <summary>One class of one dimension: <c>lifecycle</c> / <c>dormant</c>, <c>segment:vip</c> / <c>member</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record AudienceTerm([property: Id(0)] string Dimension, [property: Id(1)] string Class);
