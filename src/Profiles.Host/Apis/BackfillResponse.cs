namespace Profiles.Host.Apis;

/// <summary>
/// How far a runtime custom segment's backfill is: customers walked of those listed when it started, the fraction done
/// (1 once done), and when it started and finished.
/// </summary>
public sealed record BackfillResponse(long Walked, long Total, double Fraction, bool Done, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);
