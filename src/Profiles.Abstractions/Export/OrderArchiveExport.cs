using System.Collections.Immutable;

namespace Profiles.Abstractions.Export;

/// <summary>The oldest orders summed up (see <see cref="CustomerRecordExport"/>): count, revenue, first and last, and the gaps between them.</summary>
[GenerateSerializer, Immutable]
public sealed record OrderArchiveExport(
    [property: Id(0)] int Count,
    [property: Id(1)] decimal Revenue,
    [property: Id(2)] DateTimeOffset? First,
    [property: Id(3)] DateTimeOffset? Last,
    [property: Id(4)] ImmutableSortedDictionary<int, int> Gaps);
