namespace Profiles.Grains.Tests.Cluster;

/// <summary>
/// The silo's clock in tests: real time plus an offset the test moves forward. Only the wall clock jumps; timers and
/// delays run in real time, so the change relay keeps flushing while a test travels 100 days ahead.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    /// <summary>How far ahead of real time the clock is.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;

    /// <summary>Moves the wall clock forward by <paramref name="by"/>.</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
