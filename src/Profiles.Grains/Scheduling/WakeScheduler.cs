using Profiles.Abstractions.Grains;
using Profiles.Domain.Classification;
using Profiles.Domain.Profiles;

namespace Profiles.Grains.Scheduling;

/// <summary>
/// Keeps a customer entered in the time bucket of its next time-driven check. Only an earlier check moves the entry
/// (out of the later bucket, so a customer is in one bucket at a time): waking early finds nothing to change and
/// schedules the next one, so most events cost no extra write.
/// </summary>
public static class WakeScheduler
{
    /// <summary>
    /// Adds the customer to the bucket of its next check when it is not already in an earlier, still pending one.
    /// Returns whether <see cref="CustomerProfile.ScheduledCheck"/> changed and must be stored with the profile.
    /// </summary>
    public static async Task<bool> ScheduleAsync(CustomerProfile profile, ProfileClassifier classifier, DateTimeOffset now, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(grains);
        if (TimeTriggers.NextCheck(profile, classifier, now) is not { } due) return false;

        var bucket = WakeSchedule.BucketOf(due);
        var pending = profile.ScheduledCheck is { } scheduled && scheduled > WakeSchedule.LastDueBucket(now) ? scheduled : (long?)null;
        if (pending is { } current && current <= bucket) return false;

        // Entered in the bucket before the profile records it: a lost profile write leaves a harmless extra wake-up,
        // never a customer that is not scheduled.
        await grains.GetGrain<IWakeBucketGrain>(WakeSchedule.KeyOf(bucket, profile.CustomerId)).AddAsync(profile.CustomerId);
        // The later entry it replaces would only wake the customer for nothing, but it keeps the id: one entry at a time.
        if (pending is { } later) await grains.GetGrain<IWakeBucketGrain>(WakeSchedule.KeyOf(later, profile.CustomerId)).RemoveAsync(profile.CustomerId);
        profile.ScheduledCheck = bucket;
        return true;
    }
}
