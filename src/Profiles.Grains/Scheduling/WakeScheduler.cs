using Profiles.Domain.Classification;
using Profiles.Domain.Profiles;
using Profiles.Grains.Customers.Storage;

namespace Profiles.Grains.Scheduling;

/// <summary>
/// Keeps a customer entered in the time bucket of its next time-driven check. Only an earlier check moves the entry
/// (out of the later bucket, so a customer is in one bucket at a time): waking early finds nothing to change and
/// schedules the next one, so most events cost no extra write.
/// </summary>
public static class WakeScheduler
{
    /// <summary>
    /// Adds the customer to the bucket of its next check (or of <paramref name="dueBy"/>, when that is earlier: the
    /// customer has something to finish then) when it is not already in an earlier, still pending one. Returns whether
    /// <see cref="CustomerBookkeeping.ScheduledCheck"/> changed and must be stored with the profile.
    /// </summary>
    public static async Task<bool> ScheduleAsync(
        CustomerProfile profile, CustomerBookkeeping bookkeeping, ProfileClassifier classifier, DateTimeOffset now, WakeBatcher wakes,
        DateTimeOffset? dueBy = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(bookkeeping);
        ArgumentNullException.ThrowIfNull(wakes);
        var next = TimeTriggers.NextCheck(profile, classifier, now);
        if ((next is { } n && dueBy is { } d ? (n < d ? n : d) : next ?? dueBy) is not { } due) return false;

        var bucket = WakeSchedule.BucketOf(due);
        var pending = bookkeeping.ScheduledCheck is { } scheduled && scheduled > WakeSchedule.LastDueBucket(now) ? scheduled : (long?)null;
        if (pending is { } current && current <= bucket) return false;

        // Entered in the bucket before the profile records it: a lost profile write leaves a harmless extra wake-up,
        // never a customer that is not scheduled. The later entry it replaces would only wake the customer for nothing,
        // but it keeps the id: one entry at a time.
        await wakes.ChangeAsync(WakeSchedule.KeyOf(bucket, profile.CustomerId), profile.CustomerId, remove: false);
        // Only once the new entry is stored: a failed add must not leave the customer in no bucket at all.
        if (pending is { } later) await wakes.ChangeAsync(WakeSchedule.KeyOf(later, profile.CustomerId), profile.CustomerId, remove: true);
        bookkeeping.ScheduledCheck = bucket;
        return true;
    }
}
