namespace Profiles.Abstractions.Views;

/// <summary>The 1–5 RFM scores (5 best); null for a customer who never ordered.</summary>
[GenerateSerializer, Immutable]
public sealed record RfmScoresView([property: Id(0)] int? R, [property: Id(1)] int? F, [property: Id(2)] int? M);
