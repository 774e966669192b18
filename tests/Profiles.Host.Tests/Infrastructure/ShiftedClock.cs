namespace Profiles.Host.Tests.Infrastructure;

/// <summary>Real time plus an offset a test moves forward: the wall clock jumps, timers keep running in real time.</summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
