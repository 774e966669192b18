namespace Profiles.Grains.Hosting;

/// <summary>
/// The clock profiles are classified, scheduled and counted by: the system clock, unless a test or a replay gives
/// another. It is a type of its own so that moving it never moves the clock Orleans' membership and timers run on.
/// </summary>
public sealed class ProfileClock(TimeProvider inner) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);
}
