namespace Profiles.Abstractions.Grains;

/// <summary>
/// The one cursor (key 0) that remembers the last time bucket fired and fires the buckets that have come due since,
/// so that after a restart nothing scheduled during the downtime is skipped.
/// </summary>
public interface IWakeCursorGrain : IGrainWithIntegerKey
{
    /// <summary>Fires every bucket due by now that has not fired yet. Returns how many customers were woken.</summary>
    Task<int> TickAsync();
}
