using System.Diagnostics.Metrics;

namespace Profiles.Grains.Diagnostics;

/// <summary>
/// Every instrument of the <c>Profiles</c> meter, defined once. The host exports them (with the Orleans meters) on
/// <c>/metrics</c>, where each name is prefixed with the meter name (<c>ingest.accepted</c> becomes
/// <c>profiles_ingest_accepted_total</c>), so the names here leave the prefix out; OTLP receives them as they are here.
/// </summary>
public sealed class ProfilesMetrics
{
    /// <summary>The meter's name, for exporters and listeners.</summary>
    public const string MeterName = "Profiles";

    private readonly Counter<long> _accepted;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _classChanges;
    private readonly Histogram<double> _pushLatency;
    private readonly UpDownCounter<long> _ingestInFlight;
    private readonly Counter<long> _refusedRequests;
    private readonly Counter<long> _refusedLinks;
    private readonly Counter<long> _erasuresApplied;
    private readonly Counter<long> _cacheResets;
    private Func<int> _relayQueueDepth = static () => 0;

    public ProfilesMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _accepted = meter.CreateCounter<long>("ingest.accepted", "{event}",
            "Events answered as accepted (stored, or recognised as already stored).");
        _rejected = meter.CreateCounter<long>("ingest.rejected", "{event}",
            "Events rejected on their own (bad ids, amounts, currencies, timestamps, sizes).");
        _failed = meter.CreateCounter<long>("ingest.failed", "{event}",
            "Accepted events of requests answered 503 because storage failed; clients retry them.");
        _duplicates = meter.CreateCounter<long>("ingest.duplicates", "{event}",
            "Dedup hits: events whose message id the customer had already applied (client retries).");
        _classChanges = meter.CreateCounter<long>("class_changes", "{change}",
            "Durable class changes (tier changes) published by this silo, by dimension.");
        // In seconds, but declared without a unit: Prometheus exporters append a declared unit to the name, and
        // profiles_push_latency is the name dashboards and alerts already use.
        _pushLatency = meter.CreateHistogram<double>("push.latency", unit: null,
            "Seconds from a class change being made to its send to this silo's SignalR connections.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _ingestInFlight = meter.CreateUpDownCounter<long>("ingest.in_flight", "{request}",
            "Ingest requests holding a slot of the silo's ingest queue now (at most Profiles:Ingest:MaxConcurrentRequests).");
        _refusedRequests = meter.CreateCounter<long>("ingest.refused_requests", "{request}",
            "Ingest requests refused before any event was kept, by reason: overloaded (the silo's ingest slots and queue full), quota (a write key over its events or new customers per second) or body_timeout (a body slower than Profiles:Ingest:BodyTimeout).");
        _refusedLinks = meter.CreateCounter<long>("identity.refused_links", "{link}",
            "Identity links refused because the profile under the linked id is another known customer's (an anonymousId naming a customer with its own userId, or an alias of two known customers while Profiles:Identity:AllowAliasOfKnownCustomers is false).");
        _erasuresApplied = meter.CreateCounter<long>("identity.erasures_applied", "{erasure}",
            "Erasures this silo's identity cache has applied from the erasure log, dropping its links to the erased customers.");
        _cacheResets = meter.CreateCounter<long>("identity.cache_resets", "{reset}",
            "Times this silo dropped its whole identity cache because it fell behind the erasure log by more than the log keeps.");
        meter.CreateObservableGauge("relay.queue_depth", () => _relayQueueDepth(), "{change}",
            "Class changes queued in this silo's change relay, waiting to be fanned out.");
    }

    /// <summary>Counts the outcome of one ingest request's events.</summary>
    public void EventsIngested(int accepted, int duplicates, int rejected)
    {
        if (accepted > 0) _accepted.Add(accepted);
        if (duplicates > 0) _duplicates.Add(duplicates);
        if (rejected > 0) _rejected.Add(rejected);
    }

    /// <summary>Counts a refused identity link.</summary>
    public void LinkRefused() => _refusedLinks.Add(1);

    /// <summary>Counts erasure-log marks applied to this silo's identity cache.</summary>
    public void ErasuresApplied(int count)
    {
        if (count > 0) _erasuresApplied.Add(count);
    }

    /// <summary>Counts a whole-cache drop of this silo's identity cache.</summary>
    public void IdentityCacheReset() => _cacheResets.Add(1);

    /// <summary>Counts accepted events that could not be stored (the request answered 503).</summary>
    public void EventsFailed(int count)
    {
        if (count > 0) _failed.Add(count);
    }

    /// <summary>Counts an ingest request refused for a write key over its quota (<paramref name="quota"/>: what ran out).</summary>
    public void QuotaExceeded(string quota) => _refusedRequests.Add(1, new KeyValuePair<string, object?>("reason", "quota"), new KeyValuePair<string, object?>("quota", quota));

    /// <summary>Counts an ingest request turned away because the silo's ingest slots and queue were full.</summary>
    public void Overloaded() => _refusedRequests.Add(1, new KeyValuePair<string, object?>("reason", "overloaded"));

    /// <summary>Counts an ingest request whose body did not arrive within the body timeout.</summary>
    public void BodyTimedOut() => _refusedRequests.Add(1, new KeyValuePair<string, object?>("reason", "body_timeout"));

    /// <summary>Marks an ingest request as started; pair with <see cref="IngestEnded"/>.</summary>
    public void IngestStarted() => _ingestInFlight.Add(1);

    /// <summary>Marks an ingest request as ended.</summary>
    public void IngestEnded() => _ingestInFlight.Add(-1);

    /// <summary>Counts one durable class change in <paramref name="dimension"/>.</summary>
    public void ClassChanged(string dimension) => _classChanges.Add(1, new KeyValuePair<string, object?>("dimension", dimension));

    /// <summary>Records how long a change took from being made to being sent to SignalR connections.</summary>
    public void ChangePushed(TimeSpan latency) => _pushLatency.Record(Math.Max(0, latency.TotalSeconds));

    /// <summary>Where the relay queue depth gauge reads from (the silo's change relay).</summary>
    public void ObserveRelayQueue(Func<int> depth)
    {
        ArgumentNullException.ThrowIfNull(depth);
        _relayQueueDepth = depth;
    }
}
