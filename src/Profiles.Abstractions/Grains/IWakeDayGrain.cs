namespace Profiles.Abstractions.Grains;

/// <summary>
/// The index of one UTC day (key: days since the Unix epoch): which of its time buckets hold customers, so that the
/// cursor visits those buckets only, and a clock that jumps or a cluster that was down for days costs one call per day.
/// </summary>
public interface IWakeDayGrain : IGrainWithIntegerKey
{
    /// <summary>Durably records that <paramref name="bucket"/> (of this day) holds customers.</summary>
    Task NoteAsync(long bucket);

    /// <summary>Fires the recorded buckets from <paramref name="from"/> to <paramref name="to"/> (inclusive). Returns how many customers were woken.</summary>
    Task<int> FireAsync(long from, long to);
}
