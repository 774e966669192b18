using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Profiles.Grains.Diagnostics;
using Orleans.Concurrency;
using Orleans.Placement;
using Orleans.Storage;
using Profiles.Abstractions.Audiences;
using Profiles.Abstractions.Export;
using Profiles.Abstractions.Grains;
using Profiles.Abstractions.Views;
using Profiles.Domain.Classification;
using Profiles.Domain.Events;
using Profiles.Domain.Profiles;
using Profiles.Domain.Profiles.Packing;
using Profiles.Domain.Statistics;
using Profiles.Grains.Audiences;
using Profiles.Grains.Customers.Storage;
using Profiles.Grains.Hosting;
using Profiles.Grains.IdentityClaims;
using Profiles.Grains.Playbooks;
using Profiles.Grains.Privacy;
using Profiles.Grains.Realtime;
using Profiles.Grains.Scheduling;
using Profiles.Grains.CustomSegments;
using Profiles.Grains.Statistics;
using Profiles.Grains.Webhooks;

namespace Profiles.Grains.Customers;

/// <summary>
/// The single writer of one customer's profile. Every call is a <see cref="CustomerRequest"/>, queued; one drain loop
/// handles everything queued, writes once (group commit) and only then answers every caller, so an answer means durable.
/// The grain is reentrant so that requests can queue while a write is in flight, but the state is only ever touched
/// between writes.
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

    /// <summary>How many refused links the bookkeeping remembers (the latest).</summary>
    public const int RefusedLinkCapacity = 20;

    /// <summary>How many directory addresses the bookkeeping remembers (one is current; the others were withdrawn already).</summary>
    public const int EmailAddressCapacity = 16;

    /// <summary>How many changes the bookkeeping keeps for the webhook outboxes while they cannot be reached (the oldest dropped beyond).</summary>
    public const int UndeliveredCapacity = 100;

    private readonly Dependencies _with;
    private CustomerStore _store = null!;
    private List<CustomerRequest>? _queue;
    private Task? _drain;
    private Exception? _fault;
    private string? _folding;
    private long _lastDrain;
    private bool _busy;

    /// <summary>Set by a request of the current write that changed only the bookkeeping, which must still be stored.</summary>
    private bool _bookkept;

    /// <summary>Set for a write that folds events sent for this id as a user id.</summary>
    private bool _userInWrite;

    /// <summary>Recorded changes stored in the webhook outboxes since the last write, which removes them from the bookkeeping.</summary>
    private HashSet<ClassChange>? _handedOver;

    /// <summary>The latest hand-over of recorded changes to the webhook outboxes (in flight until completed), or null.</summary>
    private Task? _handingOver;

    /// <summary>A customer whose drains come closer than this is kept expanded between them rather than packed.</summary>
    private static readonly long BusyWithin = TimeSpan.FromSeconds(2).Ticks;

    public CustomerGrain(Dependencies with) => _with = with;

    private CustomerProfile Profile => _store.Profile;

    private CustomerBookkeeping Bookkeeping => _store.Bookkeeping;

    private string CustomerId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _store = new CustomerStore(_with.Storage, this.GetGrainId(), CustomerId, _with.Logger);
        await _store.LoadAsync();
        // Audiences: classified with the runtime custom segments from the first drain on (a starting silo reads them first).
        await _with.CustomSegments.Ready;
    }

    /// <inheritdoc />
    public Task<ApplyResult> ApplyAsync(ImmutableArray<CustomerEvent> events, bool byUserId = false)
    {
        // A bad argument is the caller's error alone: refuse it here, before it can reach the shared drain loop.
        if (events.IsDefault) events = [];
        if (events.Any(e => e is null))
            return Task.FromException<ApplyResult>(new ArgumentException("An event of the call is missing (null).", nameof(events)));
        // Merged into another customer and nothing queued before: straight on to where this profile lives now. Not for a
        // user of this id whose anonymous visitor of the same text was merged: the drain takes the profile back for it.
        if (!(byUserId && TakesBack) && ForwardOf(byUserId) is { } target && _drain is null && _fault is null)
            return GrainFactory.GetGrain<ICustomerGrain>(target).ApplyAsync(events, byUserId);
        return Enqueue(new CustomerRequest.Apply(events, byUserId));
    }

    /// <inheritdoc />
    public async Task<string> MergeIntoAsync(string customerId, LinkKind kind = LinkKind.Anonymous)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        await Enqueue(new CustomerRequest.MergeInto(customerId, kind));
        return Bookkeeping.MergedInto ?? CustomerId;
    }

    /// <inheritdoc />
    public async Task RecordRefusedLinkAsync(string identity)
    {
        ArgumentException.ThrowIfNullOrEmpty(identity);
        await Enqueue(new CustomerRequest.RefuseLink(identity));
    }

    /// <summary>Whether the profile is a known customer's: events came for it as a user id (or, stored before that was recorded, it has orders or merged profiles).</summary>
    private bool Known => Bookkeeping.HasUserId ?? (Profile.Orders.Count > 0 || Profile.ArchivedOrders is not null || Profile.MergedFrom.Count > 0);

    /// <summary>Whether this profile was merged away as an anonymous visitor, so a user of the same id takes it back.</summary>
    private bool TakesBack => Bookkeeping is { MergedInto: not null, MergedAs: LinkKind.Anonymous };

    /// <summary>Where events for this id go instead of here, by how they were addressed; null when they stay.</summary>
    private string? ForwardOf(bool byUserId) =>
        Bookkeeping.MergedInto ?? (byUserId ? null : Bookkeeping.AnonymousForward);

    /// <summary>Whether a merge of this kind is refused: a known customer is never merged through an anonymous id.</summary>
    private bool Refuses(LinkKind kind) =>
        (_userInWrite || (HasProfile && Known)) && (kind == LinkKind.Anonymous || !_with.Identity.CurrentValue.AllowAliasOfKnownCustomers);

    /// <inheritdoc />
    public Task<ApplyResult> MergeFromAsync(MergedProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return Enqueue(new CustomerRequest.MergeFrom(profile));
    }

    /// <inheritdoc />
    public async Task WakeAsync()
    {
        // A profile merged away is no longer classified: its old time-bucket entry is ignored, unless it still owes the
        // webhook outboxes changes it made before (the refresh then only hands them over).
        if ((Bookkeeping.MergedInto is not null || !HasProfile) && Bookkeeping.Undelivered is not { Count: > 0 } &&
            Bookkeeping.Listing is not { Pending: true }) return;
        if (WokenOnlyForAListingHandedOver()) return;
        await Enqueue(new CustomerRequest.Refresh());
    }

    /// <inheritdoc />
    public async Task<CustomerProfileView?> GetProfileAsync()
    {
        if (Bookkeeping.MergedInto is { } target) return await GrainFactory.GetGrain<ICustomerGrain>(target).GetProfileAsync();
        if (!HasProfile) return null;

        // Time moves classes too (a silent customer becomes dormant): bring them up to date, durably, before answering.
        await Enqueue(new CustomerRequest.Refresh());
        return View();
    }

    /// <inheritdoc />
    public async Task<ErasedCustomer?> EraseAsync()
    {
        if (Bookkeeping.MergedInto is { } target && _drain is null && _fault is null) return await GrainFactory.GetGrain<ICustomerGrain>(target).EraseAsync();
        var request = new CustomerRequest.Erase();
        await Enqueue(request);
        return request.ForwardTo is { } forward ? await GrainFactory.GetGrain<ICustomerGrain>(forward).EraseAsync() : request.Erased;
    }

    /// <inheritdoc />
    public async Task EraseMergedAwayAsync(string customerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        if (!string.Equals(Bookkeeping.MergedInto, customerId, StringComparison.Ordinal) &&
            !string.Equals(Bookkeeping.AnonymousForward, customerId, StringComparison.Ordinal) && _drain is null) return;
        await Enqueue(new CustomerRequest.EraseMergedAway(customerId));
    }

    /// <inheritdoc />
    public async Task<CustomerDataExport?> ExportAsync()
    {
        if (Bookkeeping.MergedInto is { } target) return await GrainFactory.GetGrain<ICustomerGrain>(target).ExportAsync();
        if (!HasProfile) return null;

        // Classes up to date with the clock, as a read has them; then whatever the store holds now.
        await Enqueue(new CustomerRequest.Refresh());
        if (Bookkeeping.MergedInto is { } merged) return await GrainFactory.GetGrain<ICustomerGrain>(merged).ExportAsync();
        if (!_store.IsStored) return null;
        return new CustomerDataExport(RecordExports.From(Profile, Bookkeeping), View());
    }

    /// <inheritdoc />
    public Task<CustomerRecordExport?> GetStoredAsync() =>
        Task.FromResult(_store.IsStored ? RecordExports.From(Profile, Bookkeeping) : null);

    private bool HasProfile => _store.IsStored || Profile.EventsApplied > 0;

    private CustomerProfileView View()
    {
        var view = ProfileViews.From(Profile, _with.Classifiers.Current, _with.Time.GetUtcNow(), _with.Playbook.Current);
        return Bookkeeping.RefusedLinks is { Count: > 0 } refused ? view with { RefusedIdentities = [.. refused] } : view;
    }

    private Task<ApplyResult> Enqueue(CustomerRequest request)
    {
        if (_fault is { } fault) return Task.FromException<ApplyResult>(Unavailable(fault));
        (_queue ??= []).Add(request);
        _drain ??= DrainAsync();
        return request.Completion.Task;
    }

    private async Task DrainAsync()
    {
        using var scope = CustomerScope(_with.Logger, CustomerId);

        // Let requests that arrived in the same instant join the first write.
        await Task.Yield();
        _busy = Busy();
        while (_queue is { Count: > 0 } queue)
        {
            // An erasure runs alone, between writes: requests queued before it are stored first, those after it start afresh.
            // Events for this id as a user id, while its anonymous visitor's profile is merged into someone else: that is
            // not this user, who takes the profile back first (then the events stay here).
            if (TakesBack && queue.Exists(r => r is CustomerRequest.Apply { ByUserId: true }))
                queue.Insert(0, new CustomerRequest.TakeBack());
            if (queue[0].RunsAlone)
            {
                if (!await EraseQueuedAsync()) return;
                continue;
            }
            var batch = TakeUntilErasure();
            if (!await HandleAsync(batch)) return;
        }
        _queue = null;
        _drain = null;
        if (!_busy) _store.Pack();
    }

    /// <summary>Whether this drain came soon after the previous one: a busy customer stays expanded, an idle one is packed.</summary>
    private bool Busy()
    {
        var now = _with.Time.GetUtcNow().UtcTicks;
        var busy = now - _lastDrain < BusyWithin;
        _lastDrain = now;
        return busy;
    }

    /// <summary>Handles the requests of one write: folds them, classifies once, stores once, then answers and publishes.</summary>
    private async Task<bool> HandleAsync(List<CustomerRequest> batch)
    {
        var changes = new List<ClassChange>();
        var classification = new PendingClassification();
        var applied = 0;
        // Population breakpoints: every touch scores with the latest version this silo knows.
        var classifier = _with.Classifiers.Current;
        var previous = Bookkeeping.ReportedContribution;
        PopulationContribution? contribution = null;
        MembershipUpdate? listed = null;
        var merged = false;
        _bookkept = false;
        ForgetHandedOver();
        // Events for this id as a user id in this write make it a known customer's for the merges of the same write.
        _userInWrite = batch.Exists(r => r is CustomerRequest.Apply { ByUserId: true });
        try
        {
            var emailBefore = Email();
            // A fold that throws leaves the profile half-changed: refused and reloaded like a failed write, so the drain
            // loop never dies with callers waiting on it.
            foreach (var request in batch)
            {
                request.Result = Handle(request, classification, ref merged);
                applied += request.Result.Applied;
            }
            // Classified once, after every request of the drain: a hot customer's drain of many events costs one classification.
            changes.AddRange(classification.Reclassify(Profile, classifier, _with.Time.GetUtcNow()));
            RecordUndelivered(changes);

            // Changes owed to the webhook outboxes: woken within a bucket or two, to hand them over should this silo die first.
            var now = _with.Time.GetUtcNow();
            DateTimeOffset? deliverBy = Bookkeeping.Undelivered is { Count: > 0 } ? now + WakeSchedule.BucketWidth : null;
            // Audiences: what the membership index must hold after this write, recorded with it (CustomerGrain.Audiences).
            listed = RecordListing(changes.Count, now);
            var rescheduled = false;
            if (Bookkeeping.MergedInto is null)
            {
                contribution = NewContribution(classifier);
                rescheduled = await WakeScheduler.ScheduleAsync(Profile, Bookkeeping, classifier, now, _with.Wakes, deliverBy);
                await RecordEmailAsync(emailBefore);
            }
            else
            {
                // Merged away: this profile no longer counts in the statistics (the customer's now does).
                Bookkeeping.ReportedContribution = null;
                if (deliverBy is not null) rescheduled = await WakeScheduler.ScheduleAsync(Profile, Bookkeeping, classifier, now, _with.Wakes, deliverBy);
            }
            if (listed is not null) await EnsureListingRecoveryAsync(now);
            if (applied > 0 || changes.Count > 0 || rescheduled || contribution is not null || merged || _bookkept) await _store.StoreAsync(packIfSmall: !_busy);
        }
        catch (Exception e)
        {
            Fail(batch, e);
            return false;
        }

        foreach (var request in batch)
        {
            if (request.ForwardTo is { } target) _ = ForwardAsync(request, target);
            else if (request is CustomerRequest.MergeInto && Bookkeeping.MergedInto is { } into) _ = CompleteMergeAsync(request, into);
            else request.Completion.TrySetResult(request.Result);
        }
        if (contribution is not null) _with.Statistics.Report(previous is null ? null : PopulationContribution.Unpack(previous), contribution);
        else if (merged && previous is not null) _with.Statistics.Retract(PopulationContribution.Unpack(previous));
        if (listed is not null) HandOverListing(listed);
        if (changes.Count > 0) await PublishAsync(changes);
        if (Bookkeeping.Undelivered is { Count: > 0 } && _handingOver is null or { IsCompleted: true }) _handingOver = HandOverUndeliveredAsync();
        return true;
    }

    /// <summary>Adds the changes of this write that a webhook endpoint selects to the bookkeeping, to be stored with it.</summary>
    private void RecordUndelivered(List<ClassChange> changes)
    {
        if (!_with.Webhooks.Any || changes.Count == 0) return;
        foreach (var change in changes)
        {
            if (!_with.Webhooks.Selects(change)) continue;
            var undelivered = Bookkeeping.Undelivered ??= [];
            undelivered.Add(change);
            // Bounded (the outboxes unreachable for long): the oldest go, logged, like a full outbox's.
            if (undelivered.Count > UndeliveredCapacity)
            {
                LogUndeliveredDropped(_with.Logger, CustomerId, undelivered[0].Dimension);
                undelivered.RemoveAt(0);
            }
        }
    }

    /// <summary>Takes the changes the outboxes hold now out of the bookkeeping; the write that follows stores that.</summary>
    private void ForgetHandedOver()
    {
        if (_handedOver is not { Count: > 0 } handedOver) return;
        if (Bookkeeping.Undelivered is { } undelivered && undelivered.RemoveAll(handedOver.Contains) > 0)
        {
            if (undelivered.Count == 0) Bookkeeping.Undelivered = null;
            _bookkept = true;
        }
        _handedOver = null;
    }

    /// <summary>
    /// Hands the recorded changes to the webhook outboxes, off the drain (a slow outbox must not hold up this customer's
    /// writes), until none is left that was not handed over. Only reads the bookkeeping: the next write removes them.
    /// A failure leaves them recorded; the wake this customer is scheduled for tries again.
    /// </summary>
    private async Task HandOverUndeliveredAsync()
    {
        try
        {
            // The index first: an outbox's first sync reads it, and must not list the customer as before a change it holds.
            await ListingHandedOverAsync();
            while (Bookkeeping.Undelivered?.Where(c => _handedOver?.Contains(c) != true).ToList() is { Count: > 0 } pending)
            {
                await _with.Webhooks.HandOverAsync(pending);
                (_handedOver ??= []).UnionWith(pending);
            }
        }
        catch (Exception e)
        {
            LogHandOverFailed(_with.Logger, e, CustomerId);
        }
    }

    /// <summary>What one request does to the profile: the one place every kind of request is told apart.</summary>
    private ApplyResult Handle(CustomerRequest request, PendingClassification classification, ref bool merged)
    {
        switch (request)
        {
            case CustomerRequest.MergeInto mergeInto:
                // Merging marks the profile merged away in this write; from then on its facts stay as they were merged.
                // Refused, nothing changes: the caller sees this profile still its own.
                if (Bookkeeping.MergedInto is null && !string.Equals(mergeInto.Target, CustomerId, StringComparison.Ordinal))
                {
                    if (Refuses(mergeInto.Kind))
                    {
                        LogMergeRefused(_with.Logger, CustomerId, mergeInto.Target, mergeInto.Kind);
                        return ApplyResult.None;
                    }
                    Bookkeeping.MergedInto = mergeInto.Target;
                    Bookkeeping.MergedAs = mergeInto.Kind;
                    merged = true;
                }
                return ApplyResult.None;
            case CustomerRequest.RefuseLink refused:
                var links = Bookkeeping.RefusedLinks ??= [];
                if (!links.Contains(refused.Identity, StringComparer.Ordinal))
                {
                    links.Add(refused.Identity);
                    if (links.Count > RefusedLinkCapacity) links.RemoveAt(0);
                    _bookkept = true;
                }
                _with.Metrics.LinkRefused();
                return ApplyResult.None;
            case CustomerRequest.Apply apply when ForwardOf(apply.ByUserId) is { } forward:
                request.ForwardTo = forward;
                return ApplyResult.None;
            case CustomerRequest.MergeFrom when Bookkeeping.MergedInto is { } forward:
                request.ForwardTo = forward;
                return ApplyResult.None;
            case CustomerRequest.Apply apply:
                if (apply.ByUserId && Bookkeeping.HasUserId != true) (Bookkeeping.HasUserId, _bookkept) = (true, true);
                else if (Bookkeeping.HasUserId is null && !_store.IsStored) Bookkeeping.HasUserId = false;
                var created = !_store.IsStored && Profile.EventsApplied == 0;
                var folded = Fold(apply.Events, classification);
                return created && folded.Applied > 0 ? folded with { Created = true } : folded;
            case CustomerRequest.MergeFrom mergeFrom:
                if (!Profile.Merge(ProfileCodec.ReadWhole(mergeFrom.Source.Whole))) return ApplyResult.None;
                classification.Requested();
                return new ApplyResult(1, 0);
            case CustomerRequest.Refresh:
                // A profile merged away is no longer classified (its refresh only stores and hands over what it owes).
                if (Bookkeeping.MergedInto is null) classification.Requested();
                return ApplyResult.None;
            default:
                throw new InvalidOperationException($"A {request.GetType().Name} request is handled alone, not in a write.");
        }
    }

    private ApplyResult Fold(ImmutableArray<CustomerEvent> events, PendingClassification classification)
    {
        int applied = 0, duplicates = 0;
        foreach (var e in events)
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
        return new ApplyResult(applied, duplicates);
    }

    private async Task ForwardAsync(CustomerRequest request, string target)
    {
        try
        {
            var customer = GrainFactory.GetGrain<ICustomerGrain>(target);
            var result = request is CustomerRequest.MergeFrom mergeFrom
                ? await customer.MergeFromAsync(mergeFrom.Source)
                : await customer.ApplyAsync(((CustomerRequest.Apply)request).Events, ((CustomerRequest.Apply)request).ByUserId);
            request.Completion.TrySetResult(result);
        }
        catch (Exception e)
        {
            request.Completion.TrySetException(e);
        }
    }

    /// <summary>
    /// Completes a merge once this profile is stored as merged away: the customer merges its facts; repeated, it sends the
    /// same facts (merged once there).
    /// </summary>
    private async Task CompleteMergeAsync(CustomerRequest request, string target)
    {
        try
        {
            await GrainFactory.GetGrain<ICustomerGrain>(target).MergeFromAsync(new MergedProfile(CustomerId, ProfileCodec.Whole(Profile)));
            request.Completion.TrySetResult(request.Result);
        }
        catch (Exception e)
        {
            request.Completion.TrySetException(e);
        }
    }

    /// <summary>
    /// The customer's contribution to the population statistics, recorded in the bookkeeping so that it is stored with
    /// the write that makes it true; null when it is what was reported last.
    /// </summary>
    private PopulationContribution? NewContribution(ProfileClassifier classifier)
    {
        if (Profile.EventsApplied == 0) return null;
        var orders = classifier.Summarize(Profile, _with.Time.GetUtcNow());
        // The purchase history comes from the order index, and is derived again only when an order changed.
        var history = Profile.CurrentPurchaseHistory();
        if (Bookkeeping.ReportedContribution is { } reported && PopulationContribution.Matches(reported, orders, history, Profile.Classes)) return null;
        var contribution = PopulationContribution.Of(orders, history, Profile.Classes);
        Bookkeeping.ReportedContribution = contribution.Pack();
        return contribution;
    }

    private void Fail(List<CustomerRequest> batch, Exception e)
    {
        // The folded state was not stored: it must not be served or written again. Every caller, queued or in this
        // batch, gets the error (and retries with the same message ids); the next activation reloads from storage.
        using (_folding is { } messageId ? MessageScope(_with.Logger, messageId) : null)
        {
            LogWriteFailed(_with.Logger, e, CustomerId);
        }

        _folding = null;
        _fault = e;
        var error = Unavailable(e);
        foreach (var request in batch.Concat(_queue ?? [])) request.Completion.TrySetException(error);
        _queue = null;
        _drain = null;
        DeactivateOnIdle();
    }

    private string? Email() => Profile.Traits.TryGetValue(EmailTrait, out var email) ? email.Value : null;

    /// <summary>
    /// Enters a new or changed e-mail trait in the address directory as this customer's claim, so agents can look the
    /// customer up by it, and withdraws its claim on the address it had before.
    /// </summary>
    private async Task RecordEmailAsync(string? before)
    {
        if (!Profile.Traits.TryGetValue(EmailTrait, out var email) || email.Value == before || EmailDirectoryGrain.KeyOf(email.Value) is not { } key) return;
        // Remembered, and stored with this write, so that an erasure finds every address the customer was entered under.
        var addresses = Bookkeeping.EmailAddresses ??= new SortedSet<string>(StringComparer.Ordinal);
        addresses.Add(key);
        await GrainFactory.GetGrain<IEmailDirectoryGrain>(key).RecordAsync(CustomerId, email.At);
        if (EmailDirectoryGrain.KeyOf(before) is { } old && old != key)
            await GrainFactory.GetGrain<IEmailDirectoryGrain>(old).ForgetAsync(CustomerId);
        // Bounded: an address let go of here is withdrawn from the directory first, so an erasure still leaves none behind.
        while (addresses.Count > EmailAddressCapacity && addresses.First(a => a != key) is var dropped)
        {
            await GrainFactory.GetGrain<IEmailDirectoryGrain>(dropped).ForgetAsync(CustomerId);
            addresses.Remove(dropped);
        }
    }

    /// <summary>The queued requests up to (not including) the next erasure; they share one write.</summary>
    private List<CustomerRequest> TakeUntilErasure()
    {
        var queue = _queue!;
        var erasure = queue.FindIndex(r => r.RunsAlone);
        if (erasure < 0)
        {
            _queue = null;
            return queue;
        }
        var batch = queue.GetRange(0, erasure);
        queue.RemoveRange(0, erasure);
        return batch;
    }

    /// <summary>Runs the erasure at the head of the queue; false when it failed (the activation is then refused and reloads).</summary>
    private async Task<bool> EraseQueuedAsync()
    {
        var request = _queue![0];
        _queue.RemoveAt(0);
        // Changes on their way to the webhook outboxes arrive there before an erasure takes them out again.
        if (_handingOver is { } handingOver) await handingOver;
        // Likewise its listing reaches the index before the erasure takes it out.
        if (_listing is { } listing) await listing;
        try
        {
            switch (request)
            {
                case CustomerRequest.EraseMergedAway mergedAway:
                    // Only this merged-away profile, and only if it was merged into the customer being erased. A profile
                    // merged into this one before it was itself merged (a chain) forwards here, not to the customer.
                    if (string.Equals(Bookkeeping.MergedInto, mergedAway.MergedInto, StringComparison.Ordinal))
                    {
                        await _with.Erasure.EraseMergedAwayAsync(_store, Email());
                    }
                    else if (string.Equals(Bookkeeping.AnonymousForward, mergedAway.MergedInto, StringComparison.Ordinal))
                    {
                        // Taken back by a user of the same id: only the pointer to the erased customer goes.
                        Bookkeeping.AnonymousForward = null;
                        await _store.StoreAsync();
                    }
                    break;
                case CustomerRequest.TakeBack when TakesBack:
                    await TakeBackAsync(Bookkeeping.MergedInto!);
                    break;
                case CustomerRequest.Erase erase when Bookkeeping.MergedInto is { } target:
                    erase.ForwardTo = target;
                    break;
                case CustomerRequest.Erase erase:
                    if (HasProfile) erase.Erased = await _with.Erasure.EraseAsync(_store, Email());
                    break;
            }
        }
        catch (Exception e)
        {
            Fail([request], e);
            return false;
        }
        request.Completion.TrySetResult(ApplyResult.None);
        return true;
    }

    // The cause is logged (LogWriteFailed) and kept as the inner exception, never put in the message: the message is
    // the answer's detail, and storage's own text (endpoints, status lines, request ids) is not for clients.
    private ProfileUnavailableException Unavailable(Exception cause) =>
        new($"The profile of customer '{CustomerId}' could not be stored or loaded right now; nothing of this request may be considered done.", cause);

    private async Task PublishAsync(List<ClassChange> changes)
    {
        try
        {
            await _with.Publisher.PublishAsync(changes);
        }
        catch (Exception e)
        {
            // Pushing is best effort; the profile itself is stored and readable.
            LogPublishFailed(_with.Logger, e, CustomerId);
        }
    }

    /// <summary>
    /// Takes this profile back from <paramref name="target"/>, into which its anonymous visitor was merged, for the user of
    /// the same id: merges it there once more (merged once there, so a merge cut short is finished), withdraws the
    /// merged-away profile's e-mail directory entries, deletes its rows and starts afresh — a known customer's profile,
    /// whose events as an anonymous id still go to <paramref name="target"/>.
    /// </summary>
    private async Task TakeBackAsync(string target)
    {
        await GrainFactory.GetGrain<ICustomerGrain>(target).MergeFromAsync(new MergedProfile(CustomerId, ProfileCodec.Whole(Profile)));
        foreach (var address in Bookkeeping.EmailAddresses ?? [])
            await GrainFactory.GetGrain<IEmailDirectoryGrain>(address).ForgetAsync(CustomerId);
        await _store.ClearAsync();
        Bookkeeping.HasUserId = true;
        Bookkeeping.AnonymousForward = target;
        await _store.StoreAsync();
        LogTakenBack(_with.Logger, CustomerId, target);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer {CustomerId} refused to merge into {Target} through a link of kind {Kind}: it is a known customer")]
    private static partial void LogMergeRefused(ILogger logger, string customerId, string target, LinkKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer {CustomerId} took its profile back from {Target}, into which an anonymous visitor of the same id was merged")]
    private static partial void LogTakenBack(ILogger logger, string customerId, string target);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store the profile of customer {CustomerId}; its pending events were refused")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string customerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not hand the changes of customer {CustomerId} to the webhook outboxes; its next wake tries again")]
    private static partial void LogHandOverFailed(ILogger logger, Exception exception, string customerId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Customer {CustomerId} owes the webhook outboxes too many changes: dropped its oldest ({Dimension})")]
    private static partial void LogUndeliveredDropped(ILogger logger, string customerId, string dimension);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish the class changes of customer {CustomerId}")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string customerId);

    /// <summary>
    /// What every customer grain of a silo uses, resolved once per silo: one reference per activation instead of one per
    /// service (an active customer's memory is mostly its activation).
    /// </summary>
    public sealed class Dependencies(
        [FromKeyedServices(StorageNames.Profiles)] IGrainStorage storage,
        ClassifierSource classifiers,
        StatisticsAccumulator statistics,
        PlaybookProvider playbook,
        IProfileChangePublisher publisher,
        WakeBatcher wakes,
        WebhookOutboxes webhooks,
        CustomerErasure erasure,
        AudienceIndexer audiences,
        CustomSegmentCatalogFollower customSegments,
        ProfileClock time,
        ProfilesMetrics metrics,
        IOptionsMonitor<IdentityOptions> identity,
        ILogger<CustomerGrain> logger)
    {
        public ProfilesMetrics Metrics { get; } = metrics;
        public IOptionsMonitor<IdentityOptions> Identity { get; } = identity;
        public IGrainStorage Storage { get; } = storage;
        public ClassifierSource Classifiers { get; } = classifiers;
        public StatisticsAccumulator Statistics { get; } = statistics;
        public PlaybookProvider Playbook { get; } = playbook;
        public IProfileChangePublisher Publisher { get; } = publisher;
        public WakeBatcher Wakes { get; } = wakes;
        public WebhookOutboxes Webhooks { get; } = webhooks;
        public CustomerErasure Erasure { get; } = erasure;
        public AudienceIndexer Audiences { get; } = audiences;
        public CustomSegmentCatalogFollower CustomSegments { get; } = customSegments;
        public ProfileClock Time { get; } = time;
        public ILogger<CustomerGrain> Logger { get; } = logger;
    }
}
