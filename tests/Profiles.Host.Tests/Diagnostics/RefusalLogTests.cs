using Profiles.Host.Diagnostics;

namespace Profiles.Host.Tests.Diagnostics;

/// <summary>Refusals are logged the first time, then at most once per interval with how many there were since.</summary>
public sealed class RefusalLogTests
{
    [Fact]
    public void TheFirstRefusalIsLoggedThenOneLinePerIntervalCountsEveryRefusalInIt()
    {
        var clock = new SteppedClock();
        var log = new RefusalLog(clock);

        Assert.True(log.Count(out var count, out var over));
        Assert.Equal((1, TimeSpan.Zero), (count, over));

        for (var i = 0; i < 999; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(5));
            Assert.False(log.Count(out _, out _));
        }
        Assert.Equal(999, log.Unreported);

        clock.Advance(RefusalLog.Interval);
        Assert.True(log.Count(out count, out over));
        Assert.Equal(1000, count);
        Assert.Equal(RefusalLog.Interval + TimeSpan.FromMilliseconds(5 * 999), over);
        Assert.Equal(0, log.Unreported);
        Assert.False(log.Count(out _, out _));
    }

    [Fact]
    public void ManyThreadsRefusingAtOnceLogOneLineAndLoseNoCount()
    {
        var clock = new SteppedClock();
        var log = new RefusalLog(clock);
        long logged = 0, lines = 0;
        Parallel.For(0, 100_000, i =>
        {
            if (!log.Count(out var count, out _)) return;
            Interlocked.Add(ref logged, count);
            Interlocked.Increment(ref lines);
        });
        Assert.Equal(1, lines);

        clock.Advance(RefusalLog.Interval);
        Assert.True(log.Count(out var rest, out _));
        Assert.Equal(100_001, logged + rest);
    }

    private sealed class SteppedClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }
}
