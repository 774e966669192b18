using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Placement;
using Profiles.Abstractions.Grains;
using Profiles.Abstractions.Realtime;
using Profiles.Abstractions.Views;
using Profiles.Domain.Classification;
using Profiles.Domain.Events;
using Profiles.Domain.Profiles;
using Profiles.Domain.Statistics;
using Profiles.Grains.Playbooks;
using Profiles.Grains.Realtime;
using Profiles.Grains.Scheduling;
using Profiles.Grains.Statistics;
using Profiles.Grains.Hosting;
using Profiles.Grains.Identities;

namespace Profiles.Grains.Customers;

/// <summary>
/// The single writer of one customer's profile. Calls queue their events; one drain loop folds everything queued,
/// writes once (group commit) and only then answers every caller, so an answer means durable. The grain is reentrant
/// so that calls can queue while a write is in flight, but the state is only ever touched between writes.
/// </summary>
[Reentrant]
[PreferLocalPlacement]
public sealed partial class CustomerGrain : Grain, ICustomerGrain
{
    // Structured-log scopes: every line a drain writes carries the customer id, and a failed fold the message id.
    private static readonly Func<ILogger, string, IDisposable?> CustomerScope = LoggerMessage.DefineScope<string>("Customer {CustomerId}");
    private static readonly Func<ILogger, string, IDisposable?> MessageScope = LoggerMessage.DefineScope<string>("Message {MessageId}");

    /// <summary>The trait agents look customers up by.</summary>
    private const string EmailTrait = "email";

    private readonly IPersistentState<CustomerProfile> _state;
    private readonly ClassifierSource _classifiers;
    private readonly StatisticsAccumulator _statistics;
    private ProfileClassifier _classifier;
    private readonly PlaybookProvider _playbook;
    private readonly IProfileChangePublisher _publisher;
    private readonly ProfileClock _time;
    private readonly ILogger<CustomerGrain> _logger;
    private List<PendingCall> _queue = [];
    private Task? _drain;
    private Exception? _fault;
    private string? _folding;

    public CustomerGrain(
        [PersistentState("profile", StorageNames.Profiles)] IPersistentState<CustomerProfile> state,
        ClassifierSource classifiers,
        StatisticsAccumulator statistics,
        PlaybookProvider playbook,
        IProfileChangePublisher publisher,
        ProfileClock time,
        ILogger<CustomerGrain> logger)
    {
        _state = state;
        _classifiers = classifiers;
        _statistics = statistics;
        _classifier = classifiers.Current;
        _playbook = playbook;
        _publisher = publisher;
        _time = time;
        _logger = logger;
    }

    private CustomerProfile Profile => _state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Profile.CustomerId)) Profile.CustomerId = this.GetPrimaryKeyString();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ApplyResult> ApplyAsync(ImmutableArray<CustomerEvent> events)
    {
        // A bad argument is the caller's error alone: refuse it here, before it can reach the shared drain loop.
        if (events.IsDefault) events = [];
        if (events.Any(e => e is null))
            return Task.FromException<ApplyResult>(new ArgumentException("An event of the call is missing (null).", nameof(events)));
        // Merged into another customer and nothing queued before: straight on to where this profile lives now.
        if (Profile.MergedInto is { } target && _drain is null && _fault is null)
            return GrainFactory.GetGrain<ICustomerGrain>(target).ApplyAsync(events);
        return Enqueue(new PendingCall(events, Reclassify: false));
    }

    /// <inheritdoc />
    public async Task<string> MergeIntoAsync(string customerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        await Enqueue(new PendingCall([], Reclassify: false) { MergeInto = customerId });
        return Profile.MergedInto ?? Profile.CustomerId;
    }

    /// <inheritdoc />
    public Task<ApplyResult> AbsorbAsync(CustomerProfile source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Enqueue(new PendingCall([], Reclassify: false) { Absorb = source });
    }

    /// <inheritdoc />
    public async Task WakeAsync()
    {
        // A profile merged away is no longer classified: its old time-bucket entry is ignored.
        if (Profile.MergedInto is not null) return;
        if (!_state.RecordExists && Profile.EventsApplied == 0) return;
        await Enqueue(new PendingCall([], Reclassify: true));
    }

    /// <inheritdoc />
    public async Task<CustomerProfileView?> GetProfileAsync()
    {
        if (Profile.MergedInto is { } target) return await GrainFactory.GetGrain<ICustomerGrain>(target).GetProfileAsync();
        if (!_state.RecordExists && Profile.EventsApplied == 0) return null;

        // Time moves classes too (a silent customer becomes dormant): bring them up to date, durably, before answering.
        await Enqueue(new PendingCall([], Reclassify: true));
        return ProfileViews.From(Profile, _classifier, _time.GetUtcNow(), _playbook.Current);
    }

    /// <inheritdoc />
    public async Task<ErasedCustomer?> EraseAsync()
    {
        if (Profile.MergedInto is { } target && _drain is null && _fault is null) return await GrainFactory.GetGrain<ICustomerGrain>(target).EraseAsync();
        var call = new PendingCall([], Reclassify: false) { Erase = true };
        await Enqueue(call);
        return call.ForwardTo is { } forward ? await GrainFactory.GetGrain<ICustomerGrain>(forward).EraseAsync() : call.Erased;
    }

    /// <inheritdoc />
    public async Task EraseMergedAsync(string customerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        if (!string.Equals(Profile.MergedInto, customerId, StringComparison.Ordinal) && _drain is null) return;
        await Enqueue(new PendingCall([], Reclassify: false) { Erase = true, EraseIfMergedInto = customerId });
    }

    /// <inheritdoc />
    public async Task<CustomerExport?> ExportAsync()
    {
        if (Profile.MergedInto is { } target) return await GrainFactory.GetGrain<ICustomerGrain>(target).ExportAsync();
        if (!_state.RecordExists && Profile.EventsApplied == 0) return null;

        // Classes up to date with the clock, as a read has them; then whatever the store holds now.
        await Enqueue(new PendingCall([], Reclassify: true));
        if (Profile.MergedInto is { } merged) return await GrainFactory.GetGrain<ICustomerGrain>(merged).ExportAsync();
        if (!_state.RecordExists) return null;
        return new CustomerExport(Profile, ProfileViews.From(Profile, _classifier, _time.GetUtcNow(), _playbook.Current));
    }

    /// <inheritdoc />
    public Task<CustomerProfile?> GetStoredAsync() => Task.FromResult(_state.RecordExists ? Profile : null);

    private Task<ApplyResult> Enqueue(PendingCall call)
    {
        if (_fault is { } fault) return Task.FromException<ApplyResult>(Unavailable(fault));
        _queue.Add(call);
        _drain ??= DrainAsync();
        return call.Completion.Task;
    }

    private async Task DrainAsync()
    {
        using var scope = CustomerScope(_logger, Profile.CustomerId);

        // Let calls that arrived in the same instant join the first write.
        await Task.Yield();
        while (_queue.Count > 0)
        {
            // An erasure runs alone, between writes: calls queued before it are stored first, calls after it start afresh.
            if (_queue[0].Erase)
            {
                if (!await EraseQueuedAsync()) return;
                continue;
            }
            var batch = TakeUntilErasure();
            var changes = new List<ClassChange>();
            var classification = new PendingClassification();
            var applied = 0;
            // Population breakpoints: every touch scores with the latest version this silo knows.
            _classifier = _classifiers.Current;
            PopulationContribution? previous = Profile.ReportedContribution, contribution = null;
            var merged = false;
            var emailBefore = Email();
            try
            {
                // A fold that throws leaves the profile half-changed: refused and reloaded like a failed write, so
                // the drain loop never dies with callers waiting on it.
                foreach (var call in batch)
                {
                    call.Result = Route(call, ref merged) ?? Fold(call, classification);
                    applied += call.Result.Applied;
                }
                // Classified once, after every call of the drain: a hot customer's drain of many events costs one classification.
                changes.AddRange(classification.Reclassify(Profile, _classifier, _time.GetUtcNow()));

                var rescheduled = false;
                if (Profile.MergedInto is null)
                {
                    contribution = NewContribution();
                    rescheduled = await WakeScheduler.ScheduleAsync(Profile, _classifier, _time.GetUtcNow(), GrainFactory);
                    await RecordEmailAsync(emailBefore);
                }
                else
                {
                    // Merged away: this profile no longer counts in the statistics (the customer's now does).
                    Profile.ReportedContribution = null;
                }
                if (applied > 0 || changes.Count > 0 || rescheduled || contribution is not null || merged) await _state.WriteStateAsync();
            }
            catch (Exception e)
            {
                Fail(batch, e);
                return;
            }

            foreach (var call in batch)
            {
                if (call.ForwardTo is { } target) _ = ForwardAsync(call, target);
                else if (call.MergeInto is not null && Profile.MergedInto is { } into) _ = HandOverAsync(call, into);
                else call.Completion.TrySetResult(call.Result!);
            }
            if (contribution is not null) _statistics.Report(previous, contribution);
            else if (merged && previous is not null) _statistics.Retract(previous);
            if (changes.Count > 0) await PublishAsync(changes);
        }
        _drain = null;
    }

    /// <summary>
    /// A hand-over or a call for a profile that was handed over: the answer without folding, or null to fold the call.
    /// A hand-over marks the profile merged in this write; from then on its facts stay as handed over.
    /// </summary>
    private ApplyResult? Route(PendingCall call, ref bool merged)
    {
        if (call.MergeInto is { } target)
        {
            if (Profile.MergedInto is null && !string.Equals(target, Profile.CustomerId, StringComparison.Ordinal))
            {
                Profile.MergedInto = target;
                merged = true;
            }
            return new ApplyResult(0, 0);
        }
        if (Profile.MergedInto is { } forward && (call.Events.Length > 0 || call.Absorb is not null))
        {
            call.ForwardTo = forward;
            return new ApplyResult(0, 0);
        }
        return null;
    }

    private async Task ForwardAsync(PendingCall call, string target)
    {
        try
        {
            var customer = GrainFactory.GetGrain<ICustomerGrain>(target);
            var result = call.Absorb is { } source ? await customer.AbsorbAsync(source) : await customer.ApplyAsync(call.Events);
            call.Completion.TrySetResult(result);
        }
        catch (Exception e)
        {
            call.Completion.TrySetException(e);
        }
    }

    /// <summary>Hands the stored, merged-away profile to the customer; repeated, it hands the same facts (merged once there).</summary>
    private async Task HandOverAsync(PendingCall call, string target)
    {
        try
        {
            await GrainFactory.GetGrain<ICustomerGrain>(target).AbsorbAsync(Profile);
            call.Completion.TrySetResult(call.Result!);
        }
        catch (Exception e)
        {
            call.Completion.TrySetException(e);
        }
    }

    private ApplyResult Fold(PendingCall call, PendingClassification classification)
    {
        int applied = 0, duplicates = 0;
        if (call.Absorb is { } source && Profile.Merge(source))
        {
            applied++;
            classification.Requested();
        }
        foreach (var e in call.Events)
        {
            _folding = e.MessageId;
            if (Profile.Apply(e) == ApplyOutcome.Duplicate)
            {
                duplicates++;
                continue;
            }
            applied++;
            classification.Applied(e);
        }
        _folding = null;
        if (call.Reclassify) classification.Requested();
        return new ApplyResult(applied, duplicates);
    }

    /// <summary>
    /// The customer's contribution to the population statistics, recorded in the profile so that it is stored with the
    /// write that makes it true; null when it is what was reported last.
    /// </summary>
    private PopulationContribution? NewContribution()
    {
        if (Profile.EventsApplied == 0) return null;
        var orders = _classifier.Summarize(Profile, _time.GetUtcNow());
        if (Profile.ReportedContribution?.Matches(orders, Profile.Classes) == true) return null;
        var contribution = PopulationContribution.Of(orders, Profile.Classes);
        Profile.ReportedContribution = contribution;
        return contribution;
    }

    private void Fail(List<PendingCall> batch, Exception e)
    {
        // The folded state was not stored: it must not be served or written again. Every caller, queued or in this
        // batch, gets the error (and retries with the same message ids); the next activation reloads from storage.
        using (_folding is { } messageId ? MessageScope(_logger, messageId) : null)
        {
            LogWriteFailed(e, Profile.CustomerId);
        }

        _folding = null;
        _fault = e;
        var error = Unavailable(e);
        foreach (var call in batch.Concat(_queue)) call.Completion.TrySetException(error);
        _queue = [];
        _drain = null;
        DeactivateOnIdle();
    }

    private Stamped<string>? Email() => Profile.Traits.TryGetValue(EmailTrait, out var email) ? email : null;

    /// <summary>Enters a new or changed e-mail trait in the address directory, so agents can look the customer up by it.</summary>
    private async Task RecordEmailAsync(Stamped<string>? before)
    {
        if (Email() is not { } email || email == before || EmailDirectoryGrain.KeyOf(email.Value) is not { } key) return;
        // Remembered, and stored with this write, so that an erasure finds every address the customer was entered under.
        Profile.EmailAddresses.Add(key);
        await GrainFactory.GetGrain<IEmailDirectoryGrain>(key).RecordAsync(Profile.CustomerId, email.At);
    }

    /// <summary>The queued calls up to (not including) the next erasure; they share one write.</summary>
    private List<PendingCall> TakeUntilErasure()
    {
        var erasure = _queue.FindIndex(c => c.Erase);
        if (erasure < 0)
        {
            var all = _queue;
            _queue = [];
            return all;
        }
        var batch = _queue.GetRange(0, erasure);
        _queue.RemoveRange(0, erasure);
        return batch;
    }

    /// <summary>Runs the erasure at the head of the queue; false when it failed (the activation is then refused and reloads).</summary>
    private async Task<bool> EraseQueuedAsync()
    {
        var call = _queue[0];
        _queue.RemoveAt(0);
        try
        {
            if (call.EraseIfMergedInto is { } into) await EraseMergedCopyAsync(into);
            else if (Profile.MergedInto is { } target) call.ForwardTo = target;
            else call.Erased = await EraseProfileAsync();
        }
        catch (Exception e)
        {
            Fail([call], e);
            return false;
        }
        call.Completion.TrySetResult(new ApplyResult(0, 0));
        return true;
    }

    /// <summary>
    /// Erases everything stored about this customer. What points at the customer goes first and the profile last, so a
    /// failure part-way leaves the profile in place and a repeated erasure finishes the job.
    /// </summary>
    private async Task<ErasedCustomer?> EraseProfileAsync()
    {
        if (!_state.RecordExists && Profile.EventsApplied == 0) return null;
        var customerId = Profile.CustomerId;
        var identities = await ForgetLinkedIdentitiesAsync();
        var addresses = await ForgetEmailAddressesAsync();
        await ForgetScheduleAsync();

        var classes = Profile.Classes.ToImmutableDictionary(c => c.Key, c => c.Value.Value, StringComparer.Ordinal);
        var contribution = Profile.ReportedContribution;
        await ClearAsync();

        if (contribution is not null)
        {
            _statistics.Retract(contribution);
            await FlushStatisticsAsync();
        }
        await PublishRemovalAsync(new ProfileRemoval(customerId, _time.GetUtcNow(), classes));
        return new ErasedCustomer(customerId, identities, addresses);
    }

    /// <summary>Erases this profile's hand-over copy when it was merged into <paramref name="customerId"/>, which is being erased.</summary>
    private async Task EraseMergedCopyAsync(string customerId)
    {
        if (!string.Equals(Profile.MergedInto, customerId, StringComparison.Ordinal)) return;
        // A profile merged into this one before it was itself merged (a chain) forwards here, not to the customer.
        await ForgetLinkedIdentitiesAsync();
        await ForgetEmailAddressesAsync();
        await ForgetScheduleAsync();
        await ClearAsync();
    }

    /// <summary>Takes the customer's id out of the time bucket of its pending check (it would wake nothing, but it is personal data).</summary>
    private async Task ForgetScheduleAsync()
    {
        if (Profile.ScheduledCheck is not { } bucket) return;
        var customerId = Profile.CustomerId;
        await GrainFactory.GetGrain<IWakeBucketGrain>(WakeSchedule.KeyOf(bucket, customerId)).RemoveAsync(customerId);
    }

    /// <summary>
    /// Deletes the records of the identities that resolved to this profile and the copies of the profiles merged into it
    /// (and, in turn, of those merged into them); returns the identities.
    /// </summary>
    private async Task<ImmutableArray<string>> ForgetLinkedIdentitiesAsync()
    {
        var customerId = Profile.CustomerId;
        var identities = Profile.Identities.Union(Profile.MergedFrom).Distinct(StringComparer.Ordinal).ToImmutableArray();
        await Task.WhenAll(identities.Select(async identity =>
        {
            await GrainFactory.GetGrain<IIdentityGrain>(identity).ForgetAsync(customerId);
            await GrainFactory.GetGrain<ICustomerGrain>(identity).EraseMergedAsync(customerId);
        }));
        return identities;
    }

    /// <summary>Deletes the e-mail directory entries this customer still owns (the current address and earlier ones).</summary>
    private async Task<ImmutableArray<string>> ForgetEmailAddressesAsync()
    {
        var addresses = Profile.EmailAddresses.ToHashSet(StringComparer.Ordinal);
        if (EmailDirectoryGrain.KeyOf(Email()?.Value) is { } current) addresses.Add(current);
        var customerId = Profile.CustomerId;
        await Task.WhenAll(addresses.Select(a => GrainFactory.GetGrain<IEmailDirectoryGrain>(a).ForgetAsync(customerId)));
        return [.. addresses.Order(StringComparer.Ordinal)];
    }

    /// <summary>Deletes the stored profile (the row, on Azure Tables); the activation starts over with an empty one.</summary>
    private async Task ClearAsync()
    {
        var customerId = Profile.CustomerId;
        await _state.ClearStateAsync();
        _state.State = CustomerProfile.Create(customerId);
    }

    private async Task FlushStatisticsAsync()
    {
        try
        {
            // Erasures are rare: send the retraction now rather than within the flush interval, so counts drop at once.
            await _statistics.FlushAsync();
        }
        catch (Exception e)
        {
            // The retraction stays pending and the silo's next flush sends it.
            LogStatisticsFlushFailed(e, Profile.CustomerId);
        }
    }

    private async Task PublishRemovalAsync(ProfileRemoval removal)
    {
        try
        {
            await _publisher.PublishRemovalAsync(removal);
        }
        catch (Exception e)
        {
            LogPublishFailed(e, removal.CustomerId);
        }
    }

    private ProfileUnavailableException Unavailable(Exception cause) =>
        new($"The profile of customer '{Profile.CustomerId}' could not be stored: {cause.Message}", cause);

    private async Task PublishAsync(List<ClassChange> changes)
    {
        try
        {
            await _publisher.PublishAsync(changes);
        }
        catch (Exception e)
        {
            // Pushing is best effort; the profile itself is stored and readable.
            LogPublishFailed(e, Profile.CustomerId);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store the profile of customer {CustomerId}; its pending events were refused")]
    private partial void LogWriteFailed(Exception exception, string customerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish the class changes of customer {CustomerId}")]
    private partial void LogPublishFailed(Exception exception, string customerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send the statistics retraction of erased customer {CustomerId} at once; the next flush sends it")]
    private partial void LogStatisticsFlushFailed(Exception exception, string customerId);

    private sealed record PendingCall(ImmutableArray<CustomerEvent> Events, bool Reclassify)
    {
        public TaskCompletionSource<ApplyResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ApplyResult? Result { get; set; }

        /// <summary>Hand this profile over to that customer.</summary>
        public string? MergeInto { get; init; }

        /// <summary>Merge this handed-over profile into this one.</summary>
        public CustomerProfile? Absorb { get; init; }

        /// <summary>Set when the profile was merged away: the call goes on to that customer.</summary>
        public string? ForwardTo { get; set; }

        /// <summary>Erase the profile (GDPR); runs alone between writes.</summary>
        public bool Erase { get; init; }

        /// <summary>With <see cref="Erase"/>: erase only this merged-away copy, and only if it was merged into that customer.</summary>
        public string? EraseIfMergedInto { get; init; }

        /// <summary>What the erasure removed; null when nothing was stored.</summary>
        public ErasedCustomer? Erased { get; set; }
    }
}
