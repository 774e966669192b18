using System.Collections.Immutable;

namespace Profiles.Abstractions.Export;

/// <summary>
/// The oldest orders summed up (see <see cref="CustomerRecordExport"/>): count, revenue, first and last, the gaps between
/// them, and the distinct purchase days and first day's revenue (null in an archive begun before they were kept).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record OrderArchiveExport(
    [property: Id(0)] int Count,
    [property: Id(1)] decimal Revenue,
    [property: Id(2)] DateTimeOffset? First,
    [property: Id(3)] DateTimeOffset? Last,
    [property: Id(4)] ImmutableSortedDictionary<int, int> Gaps,
    [property: Id(5)] int? Days = null,
    [property: Id(6)] decimal? FirstDayRevenue = null);
