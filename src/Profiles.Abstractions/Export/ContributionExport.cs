using System.Collections.Immutable;

namespace Profiles.Abstractions.Export;

/// <summary>A customer's share of the population statistics: last order day, F and M in the window, its classes and its purchase history.</summary>
[GenerateSerializer, Immutable]
public sealed record ContributionExport(
    [property: Id(0)] int? LastOrderDay,
    [property: Id(1)] int Frequency,
    [property: Id(2)] decimal Monetary,
    [property: Id(3)] ImmutableSortedDictionary<string, string> Classes,
    [property: Id(4)] PurchaseHistoryExport? History = null);
