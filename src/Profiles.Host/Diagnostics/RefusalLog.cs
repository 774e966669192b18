namespace Profiles.Host.Diagnostics;

/// <summary>
/// Warnings about refused requests without a line per request. Under overload or a hostile sender a silo refuses
/// thousands of requests a second; a warning each would flood the log and, once the console logger's queue is full,
/// hold every refusing thread until the console catches up — making the overload worse. The first refusal of a kind is
/// logged at once; after that, at most one line per <see cref="Interval"/> says how many were refused since the last.
/// The metrics count every refusal.
/// </summary>
public sealed class RefusalLog
{
    /// <summary>The shortest time between two lines of one kind.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly TimeProvider _time;
    private readonly long _intervalTicks;
    private long _unreported;
    private long _lastLogged;
    private int _logged;

    public RefusalLog(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _intervalTicks = (long)(Interval.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>
    /// Counts one refusal; true when this one should be logged, with <paramref name="count"/> the refusals it stands for
    /// (itself included) and <paramref name="over"/> the time they happened in (zero for the first).
    /// </summary>
    public bool Count(out long count, out TimeSpan over)
    {
        Interlocked.Increment(ref _unreported);
        var now = _time.GetTimestamp();
        var last = Volatile.Read(ref _lastLogged);
        var first = Volatile.Read(ref _logged) == 0;
        if ((first && Interlocked.Exchange(ref _logged, 1) == 0) ||
            (!first && now - last >= _intervalTicks && Interlocked.CompareExchange(ref _lastLogged, now, last) == last))
        {
            if (first) Volatile.Write(ref _lastLogged, now);
            count = Interlocked.Exchange(ref _unreported, 0);
            over = first ? TimeSpan.Zero : _time.GetElapsedTime(last, now);
            return true;
        }
        (count, over) = (0, TimeSpan.Zero);
        return false;
    }

    /// <summary>Refusals counted and not logged yet.</summary>
    public long Unreported => Volatile.Read(ref _unreported);
}
