using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Profiles.Abstractions.Audiences;
using Profiles.Domain.Audiences;
using Profiles.Grains.Customers.Storage;
using Profiles.Grains.Scheduling;

namespace Profiles.Grains.Customers;

/// <summary>
/// Audiences: how a customer keeps its listing in the membership index exact. The write that changes its classes records
/// the new listing (<see cref="AudienceListing"/>, stamped) and, when the customer is not due to wake soon anyway, enters it
/// in a time bucket about a bucket ahead; after the write the listing goes to the index through the silo's batcher. A later
/// write records that the index confirmed it. An activation that loads a listing not known to be confirmed hands it over
/// again — the bucket wakes the customer for that should its silo have died between the write and the hand-over — and the
/// index ignores a listing it holds already.
/// </summary>
public sealed partial class CustomerGrain
{
    /// <summary>The greatest listing stamp this activation handed to the index, and the greatest the index confirmed.</summary>
    private long _listingSent;

    private long _listingConfirmed;

    /// <summary>
    /// The latest hand-over of the listing to the index while it is in flight (it never throws), or null: a finished one is
    /// let go, since it holds the update's copy of every class (about half a kilobyte a customer in memory).
    /// </summary>
    private Task? _listing;

    /// <summary>Hand-overs in flight: the last to finish lets go of <see cref="_listing"/>.</summary>
    private int _listingInFlight;

    /// <summary>
    /// Records in the bookkeeping what the index must hold after this write when that changed (new classes, a dimension
    /// dropped, a profile merged away) and returns it, to be handed over once the write is stored; also returns a listing
    /// loaded unconfirmed. Null when the index holds what it must, or will once the hand-over in flight completes.
    /// </summary>
    private MembershipUpdate? RecordListing(int changes, DateTimeOffset now)
    {
        var listing = Bookkeeping.Listing;
        if (listing is null) _listingSent = _listingConfirmed = 0;
        var classes = Bookkeeping.MergedInto is null && Profile.EventsApplied > 0 ? Profile.Classes.Count : 0;
        if (listing is null ? classes > 0 : changes > 0 || listing.Classes != classes)
        {
            listing ??= Bookkeeping.Listing = new AudienceListing();
            listing.Stamp = Math.Max(now.UtcTicks, listing.Stamp + 1);
            listing.Classes = classes;
            listing.Pending = true;
            // Stored with this write even when nothing else is (a dimension dropped without a change).
            _bookkept = true;
            return Listed(listing);
        }
        if (listing is not { Pending: true }) return null;
        if (_listingConfirmed >= listing.Stamp)
        {
            // Confirmed: said so by the next write that happens anyway (a reload before it only hands it over once more).
            listing.Pending = false;
            return null;
        }
        return _listingSent >= listing.Stamp ? null : Listed(listing);
    }

    private MembershipUpdate Listed(AudienceListing listing) =>
        new(CustomerId, listing.Stamp, listing.Classes == 0 ? [] : [.. Profile.Classes.Select(c => new AudienceTerm(c.Key, c.Value.Value))]);

    /// <summary>
    /// Enters the customer in the bucket about one bucket ahead, unless it is due to wake by then anyway, so that a listing
    /// not handed over (the silo died, the index could not be reached) is handed over then. The entry is stored before the
    /// write that records it; waking early for it finds the listing confirmed and writes nothing.
    /// </summary>
    private async Task EnsureListingRecoveryAsync(DateTimeOffset now)
    {
        var listing = Bookkeeping.Listing!;
        var due = WakeSchedule.LastDueBucket(now);
        var soon = WakeSchedule.BucketOf(now + 2 * WakeSchedule.BucketWidth);
        if (Bookkeeping.ScheduledCheck is { } scheduled && scheduled > due && scheduled <= soon) return;
        if (listing.RecoveryCheck is { } recovery && recovery > due && recovery <= soon) return;
        var bucket = WakeSchedule.BucketOf(now + WakeSchedule.BucketWidth);
        await _with.Wakes.ChangeAsync(WakeSchedule.KeyOf(bucket, CustomerId), CustomerId, remove: false);
        listing.RecoveryCheck = bucket;
    }

    /// <summary>Hands the listing to the index after the write that recorded it, off the drain.</summary>
    private void HandOverListing(MembershipUpdate update)
    {
        _listingSent = Math.Max(_listingSent, update.Stamp);
        _listingInFlight++;
        var handOver = HandOverListingAsync(update);
        if (!handOver.IsCompleted) _listing = handOver;
    }

    private async Task HandOverListingAsync(MembershipUpdate update)
    {
        try
        {
            await _with.Audiences.UpdateAsync(update);
            _listingConfirmed = Math.Max(_listingConfirmed, update.Stamp);
        }
        catch (Exception e)
        {
            // Still recorded as pending: the next drain (at the latest the recovery wake-up) hands it over again.
            _listingSent = _listingConfirmed;
            LogListingFailed(_with.Logger, e, CustomerId);
        }
        finally
        {
            // Continues on the grain's turn: nothing else touches these fields meanwhile.
            if (--_listingInFlight == 0) _listing = null;
        }
    }

    /// <summary>
    /// Completes once the index holds the customer's current listing, and throws when it could not be handed over: changes
    /// reach the webhook outboxes only after the index holds them, so an outbox's first sync, which reads the index, never
    /// lists a customer as it was before a change the outbox already holds.
    /// </summary>
    private async Task ListingHandedOverAsync()
    {
        if (_listing is { } listing) await listing;
        if (Bookkeeping.Listing is { Pending: true } pending && _listingConfirmed < pending.Stamp)
            throw new InvalidOperationException($"The listing of customer '{CustomerId}' is not in the audience index yet.");
    }

    /// <summary>
    /// Whether a wake-up came from the recovery bucket (the customer's regular check is not due) and there is nothing to
    /// finish: this activation saw its listing confirmed, and it owes the webhook outboxes nothing. Most recovery wake-ups
    /// are so, and cost this call only.
    /// </summary>
    private bool WokenOnlyForAListingHandedOver() =>
        !(Bookkeeping.ScheduledCheck is { } scheduled && scheduled <= WakeSchedule.LastDueBucket(_with.Time.GetUtcNow())) &&
        Bookkeeping.Undelivered is not { Count: > 0 } &&
        (Bookkeeping.Listing is not { Pending: true } listing || _listingConfirmed >= listing.Stamp) &&
        _listing is null or { IsCompleted: true };

    /// <inheritdoc />
    public async Task ReclassifyAsync(long customSegmentsVersion)
    {
        // Activated only for a backfill that walks every customer: let it go after, rather than hold millions until collected.
        var fresh = _lastDrain == 0 && _drain is null;
        await _with.CustomSegments.EnsureAsync(customSegmentsVersion);
        if (Bookkeeping.MergedInto is null && HasProfile) await Enqueue(new CustomerRequest.Refresh());
        // Answered once the index holds what the refresh listed (the hand-over never throws): a backfill that is done has
        // every customer's custom segments in the index, so its member count is final then.
        if (_listing is { } listing) await listing;
        if (fresh) DeactivateOnIdle();
    }

    /// <inheritdoc />
    public Task<ImmutableArray<MemberFieldValue>> ReadFieldsAsync(ImmutableArray<string> fields)
    {
        if (fields.IsDefaultOrEmpty || Bookkeeping.MergedInto is not null || !_store.IsStored) return Task.FromResult(ImmutableArray<MemberFieldValue>.Empty);
        if (fields.FirstOrDefault(f => f is null || !MemberFields.Exists(f), "") is var unknown && unknown != "")
            return Task.FromException<ImmutableArray<MemberFieldValue>>(new ArgumentException($"No profile field '{unknown}'.", nameof(fields)));
        var packed = _drain is null && !_busy;
        var values = MemberFields.Read(Profile, _with.Classifiers.Current, _with.Time.GetUtcNow(), fields);
        // An export reads many idle customers once each: they stay as small as they were.
        if (packed) _store.Pack();
        return Task.FromResult(values.Select(v => new MemberFieldValue(v.Number, v.Text)).ToImmutableArray());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not hand the listing of customer {CustomerId} to the audience index; its next drain or wake-up tries again")]
    private static partial void LogListingFailed(ILogger logger, Exception exception, string customerId);
}
