namespace Profiles.Abstractions.Export;

/// <summary>
/// Interaction counters and first and last seen (see <see cref="CustomerRecordExport"/>). Sessions are stored as hashes of
/// their ids, so only their number is known.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record EngagementExport(
    [property: Id(0)] int PageViews,
    [property: Id(1)] int ScreenViews,
    [property: Id(2)] int TrackedEvents,
    [property: Id(3)] int Shares,
    [property: Id(4)] int Comments,
    [property: Id(5)] int Referrals,
    [property: Id(6)] DateTimeOffset? FirstSeen,
    [property: Id(7)] DateTimeOffset? LastSeen,
    [property: Id(8)] int Sessions);
