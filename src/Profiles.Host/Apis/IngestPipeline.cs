using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Profiles.Abstractions.Grains;
using Profiles.Domain.Events;
using Profiles.Domain.Ingest;
using Profiles.Grains.Diagnostics;
using Profiles.Grains.Hosting;
using Profiles.Host.Auth;
using Profiles.Host.Diagnostics;
using Profiles.Host.IdentityRouting;

namespace Profiles.Host.Apis;

/// <summary>
/// One ingest request end to end: authenticate (a write key in HTTP Basic, else <c>writeKey</c> in the body), read the
/// body within the size limit and the body timeout (else 413 / 408), and only then take a slot in the silo's bounded
/// ingest queue (else 429); take the events from the key's quota (else 429), validate each event, link the
/// identities the events join (an anonymous id or an alias's previous id merges into the customer), group the
/// accepted events by customer and hand each group to its customer's grain, answering once every event is stored.
/// </summary>
public sealed partial class IngestPipeline(
    SegmentIngestion ingestion, IGrainFactory grains, ProfileClock time, ProfilesMetrics metrics, KeyStore keys,
    IngestAdmission admission, WriteKeyQuota quota, IdentityResolver identities, ILogger<IngestPipeline> logger)
{
    // Request-level structured-log scope: the call type and, for a single call, its message id (a batch has many).
    private static readonly Func<ILogger, string, string?, IDisposable?> RequestScope =
        LoggerMessage.DefineScope<string, string?>("Ingest {Call} {MessageId}");

    private const int CachedCustomers = 131_072;

    private readonly ConcurrentDictionary<string, ICustomerGrain> _customers = new(StringComparer.Ordinal);

    // Counted here: ConcurrentDictionary.Count takes every lock of the dictionary, and a miss asked it every time.
    private int _cached;

    // Customer ids this silo has had stored (bounded, starts over when full): not new, so they take no new-customer token.
    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);
    private int _seenCount;

    // Refusals are counted by the metrics one by one and logged a line per kind at most every RefusalLog.Interval.
    private readonly RefusalLog _overloaded = new(time);
    private readonly RefusalLog _overQuota = new(time);
    private readonly RefusalLog _overNewCustomerQuota = new(time);

    public async Task<Results<Ok<IngestResponse>, ProblemHttpResult>> HandleAsync(HttpContext context, SegmentCallType? single)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Who sends and what, before anything shared is taken: a request without a known key, or whose body is slow,
        // never holds one of the silo's ingest slots.
        var basic = await context.AuthenticateAsync(AuthSchemes.WriteKey);
        if (basic.Failure is { } failure) return Problems.Unauthorized(context, failure.Message);
        var basicKey = basic.Principal?.FindFirst(WriteKeyAuthenticationHandler.WriterClaim)?.Value;
        if (!IsJson(context.Request.ContentType))
            return Problems.BadRequest($"Content-Type must be application/json, not '{context.Request.ContentType ?? "(none)"}'.");

        var read = await ReadBodyAsync(context);
        if (read.Problem is { } unread) return unread;
        var body = read.Body;

        // HTTP Basic first; a request without it may carry "writeKey" in its body (older Segment clients).
        var writeKey = basicKey ?? SegmentIngestion.FindWriteKey(body.Span);
        if (writeKey is null) return Problems.Unauthorized(context, null);
        if (basicKey is null && !keys.IsWriteKey(writeKey)) return Problems.Unauthorized(context, "The write key is not known.");

        using var lease = await admission.AcquireAsync(context.RequestAborted);
        if (!lease.IsAcquired)
        {
            metrics.Overloaded();
            if (_overloaded.Count(out var count, out var over)) LogOverloaded(count, over.TotalSeconds);
            return Problems.TooManyRequests(context, admission.RetryAfterSeconds);
        }
        // The slot is counted in flight (and exported as a metric) by the admission until the lease is released.
        return await HandleCoreAsync(context, single, body, writeKey);
    }

    /// <summary>The body within the size limit and the body timeout, or the problem that answers the request.</summary>
    private async Task<(ReadOnlyMemory<byte> Body, ProblemHttpResult? Problem)> ReadBodyAsync(HttpContext context)
    {
        var limit = ingestion.Options.MaxRequestBytes;
        var timeout = admission.BodyTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(timeout);
        try
        {
            var body = await RequestBody.ReadAsync(context.Request, limit, deadline.Token);
            return body is { } bytes ? (bytes, null) : (default, Problems.TooLarge(limit));
        }
        catch (InvalidDataException)
        {
            return (default, Problems.BadRequest("The body is marked gzip but is not valid gzip data."));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            LogBodyTimedOut(timeout);
            metrics.BodyTimedOut();
            return (default, Problems.BodyTimeout(context, timeout));
        }
    }

    private async Task<Results<Ok<IngestResponse>, ProblemHttpResult>> HandleCoreAsync(
        HttpContext context, SegmentCallType? single, ReadOnlyMemory<byte> bytes, string writeKey)
    {
        var (plan, unread) = ReadPlan(single, bytes);
        if (plan is null) return unread!;

        if (!quota.TryTake(writeKey, plan.Accepted.Count, out var quotaRetryAfter))
        {
            if (_overQuota.Count(out var count, out var over)) LogQuotaExceeded(plan.Accepted.Count, count, over.TotalSeconds);
            return Problems.QuotaExceeded(context, quotaRetryAfter);
        }

        var messageId = single is not null && plan.Accepted is [var only] ? only.Event.MessageId : null;
        using var scope = RequestScope(logger, single?.ToString() ?? "batch", messageId);
        if (single is not null && plan.Rejected is [var rejection])
        {
            metrics.EventsIngested(accepted: 0, duplicates: 0, rejected: 1);
            return Problems.BadRequest($"The event was rejected: {rejection.Reason}.");
        }

        // Customers this silo has not seen stored may be new: each takes a token of the key's new-customer quota first.
        var unseen = plan.Accepted.Select(a => a.CustomerId).Distinct(StringComparer.Ordinal).Count(id => !_seen.ContainsKey(id));
        if (!quota.TryTakeNewCustomers(writeKey, unseen, out var newRetryAfter))
        {
            if (_overNewCustomerQuota.Count(out var count, out var over)) LogNewCustomerQuotaExceeded(unseen, count, over.TotalSeconds);
            return Problems.NewCustomerQuotaExceeded(context, newRetryAfter);
        }

        return await StoreAsync(context, plan, writeKey, unseen);
    }

    /// <summary>The request's events, each accepted or rejected on its own; or the 400 of a request that cannot be read as a whole.</summary>
    private (IngestPlan? Plan, ProblemHttpResult? Problem) ReadPlan(SegmentCallType? single, ReadOnlyMemory<byte> bytes)
    {
        try
        {
            var receivedAt = time.GetUtcNow();
            return (single is { } type ? ingestion.ReadSingle(bytes, type, receivedAt) : ingestion.ReadBatch(bytes, receivedAt), null);
        }
        catch (SegmentRequestException e)
        {
            return (null, Problems.BadRequest(e.Message));
        }
    }

    /// <summary>
    /// Links the identities, hands every customer its accepted events and answers once all are stored; 503 when any could
    /// not be. The new-customer tokens of customers that were not created go back either way.
    /// </summary>
    private async Task<Results<Ok<IngestResponse>, ProblemHttpResult>> StoreAsync(HttpContext context, IngestPlan plan, string writeKey, int unseen)
    {
        var created = 0;
        try
        {
            // Identities first: once linked, the anonymous profile forwards to the customer, so no event is lost either way.
            await LinkIdentitiesAsync(plan);
            var results = await ApplyAsync(plan);
            created = results.Count(r => r.Created);
            foreach (var accepted in plan.Accepted) Seen(accepted.CustomerId);
            var duplicates = results.Sum(r => r.Duplicates);
            metrics.EventsIngested(plan.Accepted.Count, duplicates, plan.Rejected.Count);
            return TypedResults.Ok(new IngestResponse(true, plan.Accepted.Count, duplicates, plan.Rejected));
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            LogStoreFailed(e, plan.Accepted.Count);
            metrics.EventsFailed(plan.Accepted.Count);
            return Problems.Unavailable(context,
                "The events could not all be stored. Retry the same request (same message ids): events already stored are not counted twice.");
        }
        finally
        {
            // Tokens of customers that existed already (or were not created, when storing failed) go back.
            quota.GiveBackNewCustomers(writeKey, unseen - created);
        }
    }

    /// <summary>Links each identity the events join (an anonymous id, an alias's previous id) to its customer, once per request.</summary>
    private Task LinkIdentitiesAsync(IngestPlan plan) =>
        Task.WhenAll(plan.Accepted
            .Where(a => a.LinkedIdentity is { } linked && !string.Equals(linked, a.CustomerId, StringComparison.Ordinal))
            .Select(a => (Identity: a.LinkedIdentity!, a.CustomerId, Kind: a.Event is IdentityLinked ? LinkKind.Alias : LinkKind.Anonymous))
            .Distinct()
            .Select(link => identities.LinkAsync(link.Identity, link.CustomerId, link.Kind)));

    /// <summary>
    /// Hands each customer its events in one call. A user id goes to its own profile (which forwards when an alias merged
    /// it); an anonymous id by its claim.
    /// </summary>
    private Task<ApplyResult[]> ApplyAsync(IngestPlan plan) =>
        Task.WhenAll(plan.Accepted
            .GroupBy(a => (Customer: a.ByUserId ? a.CustomerId : identities.Route(a.CustomerId), a.ByUserId))
            .Select(g => Customer(g.Key.Customer).ApplyAsync([.. g.Select(a => a.Event)], g.Key.ByUserId)));

    /// <summary>Remembers a customer as stored, so its next requests take nothing of the new-customer quota. Bounded like the grain cache.</summary>
    private void Seen(string customerId)
    {
        if (_seen.ContainsKey(customerId)) return;
        if (Volatile.Read(ref _seenCount) >= CachedCustomers)
        {
            _seen.Clear();
            Volatile.Write(ref _seenCount, 0);
        }
        if (_seen.TryAdd(customerId, 0)) Interlocked.Increment(ref _seenCount);
    }

    /// <summary>
    /// The customer's grain reference, reused for active customers: making one costs Orleans a proxy with its argument
    /// copiers resolved by reflection, which showed as several percent of the CPU under load. Bounded: the cache starts
    /// over when full, so it holds the customers that send most.
    /// </summary>
    private ICustomerGrain Customer(string customerId)
    {
        if (_customers.TryGetValue(customerId, out var customer)) return customer;
        if (Volatile.Read(ref _cached) >= CachedCustomers)
        {
            _customers.Clear();
            Volatile.Write(ref _cached, 0);
        }
        customer = grains.GetGrain<ICustomerGrain>(customerId);
        if (_customers.TryAdd(customerId, customer)) Interlocked.Increment(ref _cached);
        return customer;
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media) &&
        (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) ||
         media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));

    [LoggerMessage(Level = LogLevel.Warning, Message = "The ingest queue is full; answered 429 to {Count} requests in {Seconds:0} s")]
    private partial void LogOverloaded(long count, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An ingest body did not arrive within {Timeout}; answered 408")]
    private partial void LogBodyTimedOut(TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "A write key went over its events quota with {Count} events; answered 429 to {Requests} requests in {Seconds:0} s")]
    private partial void LogQuotaExceeded(int count, long requests, double seconds);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "A write key went over its new-customer quota with {Count} customers not seen before; answered 429 to {Requests} requests in {Seconds:0} s")]
    private partial void LogNewCustomerQuotaExceeded(int count, long requests, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store {Count} accepted events; answered 503")]
    private partial void LogStoreFailed(Exception exception, int count);
}
