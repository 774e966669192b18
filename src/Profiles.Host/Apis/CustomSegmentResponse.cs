namespace Profiles.Host.Apis;

/// <summary>
/// A custom segment: its name, dimension (<c>segment:&lt;name&gt;</c>) and condition, where it is defined
/// (<c>runtime</c> or <c>configuration</c>), how many customers are members now, and, for a runtime custom segment,
/// when it was defined and how far the backfill of existing customers is.
/// </summary>
public sealed record CustomSegmentResponse(
    string Name,
    string Dimension,
    string Condition,
    string Source,
    long Members,
    DateTimeOffset? DefinedAt,
    long? Generation,
    BackfillResponse? Backfill);
