namespace Profiles.Abstractions.Audiences;

/// <summary>A profile field's value as a listing shows it: a number, a text, or neither (missing).</summary>
[GenerateSerializer, Immutable]
public readonly record struct MemberFieldValue([property: Id(0)] double? Number, [property: Id(1)] string? Text);
