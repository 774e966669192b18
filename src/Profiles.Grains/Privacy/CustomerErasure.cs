using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Profiles.Abstractions.Grains;
using Profiles.Abstractions.Realtime;
using Profiles.Domain.Statistics;
using Profiles.Grains.Audiences;
using Profiles.Grains.Customers.Storage;
using Profiles.Grains.Hosting;
using Profiles.Grains.IdentityClaims;
using Profiles.Grains.Realtime;
using Profiles.Grains.Scheduling;
using Profiles.Grains.Statistics;
using Profiles.Grains.Webhooks;

namespace Profiles.Grains.Privacy;

/// <summary>
/// The one place an erasure (GDPR) is carried out, for the customer grain that runs it between its writes: what points
/// at the customer goes first — the records of its linked identities and the copies of the profiles merged into it, its
/// e-mail directory entries, its time-bucket entries, its listing in the audience membership index (so it leaves every
/// member list at once), its undelivered webhook changes — then its mark in the erasure log
/// (which every silo's identity cache follows), its stored rows, its share of the statistics and the removal pushed to
/// every silo. A failure part-way leaves the rows in place, so a
/// repeated erasure finishes the job.
/// </summary>
public sealed partial class CustomerErasure(
    IGrainFactory grains,
    StatisticsAccumulator statistics,
    IProfileChangePublisher publisher,
    WebhookOutboxes webhooks,
    AudienceIndexer audiences,
    IEnumerable<IErasureListener> listeners,
    ProfileClock time,
    ILogger<CustomerErasure> logger)
{
    private readonly IErasureListener[] _listeners = [.. listeners];

    /// <summary>Erases the customer of <paramref name="store"/> and everything pointing at it; returns what was erased.</summary>
    internal async Task<ErasedCustomer> EraseAsync(CustomerStore store, string? emailTrait)
    {
        var profile = store.Profile;
        var customerId = profile.CustomerId;
        var classes = profile.Classes.ToImmutableDictionary(c => c.Key, c => c.Value.Value, StringComparer.Ordinal);
        var contribution = store.Bookkeeping.ReportedContribution;

        var identities = await ForgetPointersAsync(store, emailTrait);
        var addresses = Addresses(store, emailTrait);
        await webhooks.ForgetCustomerAsync(customerId);
        // Logged once its identities are nobody's, so a silo that drops its cached links on reading it cannot resolve
        // them to this customer again; a push below tells the silos at once, the log cannot be missed.
        await grains.GetGrain<IErasureLogGrain>(0).AppendAsync(ErasureMark.Of(customerId));
        await store.ClearAsync();

        foreach (var listener in _listeners) listener.Erased(customerId);
        if (contribution is not null)
        {
            statistics.Retract(PopulationContribution.Unpack(contribution));
            await FlushStatisticsAsync(customerId);
        }
        await PublishRemovalAsync(new ProfileRemoval(customerId, time.GetUtcNow(), classes));
        return new ErasedCustomer(customerId, identities, addresses);
    }

    /// <summary>Erases a merged-away profile (it was merged into a customer being erased): its pointers, then its rows.</summary>
    internal async Task EraseMergedAwayAsync(CustomerStore store, string? emailTrait)
    {
        await ForgetPointersAsync(store, emailTrait);
        await store.ClearAsync();
    }

    private async Task<ImmutableArray<string>> ForgetPointersAsync(CustomerStore store, string? emailTrait)
    {
        var profile = store.Profile;
        var customerId = profile.CustomerId;
        var identities = profile.Identities.Union(profile.MergedFrom).Distinct(StringComparer.Ordinal).ToImmutableArray();
        await Task.WhenAll(identities.Select(async identity =>
        {
            await grains.GetGrain<IIdentityGrain>(identity).ForgetAsync(customerId);
            await grains.GetGrain<ICustomerGrain>(identity).EraseMergedAwayAsync(customerId);
        }));
        await Task.WhenAll(Addresses(store, emailTrait).Select(a => grains.GetGrain<IEmailDirectoryGrain>(a).ForgetAsync(customerId)));
        // The customer's id out of its time bucket: it would wake nothing, but it is personal data.
        if (store.Bookkeeping.ScheduledCheck is { } bucket)
            await grains.GetGrain<IWakeBucketGrain>(WakeSchedule.KeyOf(bucket, customerId)).RemoveAsync(customerId);
        if (store.Bookkeeping.Listing?.RecoveryCheck is { } recovery && recovery != store.Bookkeeping.ScheduledCheck)
            await grains.GetGrain<IWakeBucketGrain>(WakeSchedule.KeyOf(recovery, customerId)).RemoveAsync(customerId);
        // Out of every member list and export at once; a merged-away profile leaves its unlisted entry too.
        await audiences.EraseAsync(customerId);
        return identities;
    }

    private static ImmutableArray<string> Addresses(CustomerStore store, string? emailTrait)
    {
        var addresses = (store.Bookkeeping.EmailAddresses ?? []).ToHashSet(StringComparer.Ordinal);
        if (EmailDirectoryGrain.KeyOf(emailTrait) is { } current) addresses.Add(current);
        return [.. addresses.Order(StringComparer.Ordinal)];
    }

    private async Task FlushStatisticsAsync(string customerId)
    {
        try
        {
            // Erasures are rare: send the retraction now rather than within the flush interval, so counts drop at once.
            await statistics.FlushAsync();
        }
        catch (Exception e)
        {
            // The retraction stays pending and the silo's next flush sends it.
            LogStatisticsFlushFailed(e, customerId);
        }
    }

    private async Task PublishRemovalAsync(ProfileRemoval removal)
    {
        try
        {
            await publisher.PublishRemovalAsync(removal);
        }
        catch (Exception e)
        {
            LogPublishFailed(e, removal.CustomerId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish the removal of erased customer {CustomerId}")]
    private partial void LogPublishFailed(Exception exception, string customerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send the statistics retraction of erased customer {CustomerId} at once; the next flush sends it")]
    private partial void LogStatisticsFlushFailed(Exception exception, string customerId);
}
