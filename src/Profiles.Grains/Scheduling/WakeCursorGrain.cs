using Profiles.Abstractions.Grains;
using Profiles.Grains.Hosting;

namespace Profiles.Grains.Scheduling;

/// <summary>
/// Fires, day by day, every bucket that came due since the last tick. Its state is stored after each day, so a restart
/// resumes where it stopped; a bucket fired twice finds itself empty.
/// </summary>
public sealed class WakeCursorGrain(
    [PersistentState("cursor", StorageNames.Profiles)] IPersistentState<WakeCursorState> state,
    ProfileClock time) : Grain, IWakeCursorGrain
{
    /// <summary>Most days one tick walks; a longer catch-up continues at the next tick.</summary>
    public const int MaxDaysPerTick = 1000;

    public async Task<int> TickAsync()
    {
        var due = WakeSchedule.LastDueBucket(time.GetUtcNow());
        var from = (state.State.LastFired ?? due - 1) + 1;
        var woken = 0;
        var firstDay = WakeSchedule.DayOf(from);
        for (var day = firstDay; from <= due && day < firstDay + MaxDaysPerTick; day++)
        {
            var to = Math.Min(due, WakeSchedule.LastBucketOfDay(day));
            woken += await GrainFactory.GetGrain<IWakeDayGrain>(day).FireAsync(from, to);
            state.State.LastFired = to;
            await state.WriteStateAsync();
            from = to + 1;
        }
        return woken;
    }
}
