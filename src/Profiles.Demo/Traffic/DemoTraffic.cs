using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Profiles.Demo.Sending;

namespace Profiles.Demo.Traffic;

/// <summary>
/// One demo run against a service: seeds <see cref="DemoOptions.SeedCustomers"/> customers with their history in batches,
/// then sends the live stream at <see cref="DemoOptions.EventsPerSecond"/>, one batch per quarter second, until cancelled.
/// Everything goes through <c>POST /v1/batch</c>, so identity routing, quotas and the ingest pipeline see it as they see
/// any website's traffic. A batch the service cannot store yet is sent again until it is (the stream slows meanwhile).
/// </summary>
public sealed partial class DemoTraffic(DemoOptions options, SegmentBatchSender sender, TimeProvider time, ILogger<DemoTraffic> logger)
{
    /// <summary>Seed batches are cut after the customer that takes them to this many events.</summary>
    private const int SeedBatchEvents = 400;

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(30);

    private readonly DemoEvents _events = new(options.RandomSeed, options.MaxCustomers, time);
    private DemoTotals _totals = new(0, false, 0, 0, 0, 0, 0);

    /// <summary>Called after each batch the service acknowledged, with the totals so far; tests watch the run here.</summary>
    public Action<BatchAnswer, DemoTotals>? Answered { get; init; }

    /// <summary>The totals so far.</summary>
    public DemoTotals Totals => _totals;

    /// <summary>Seeds, then streams until <paramref name="cancellationToken"/> is cancelled; throws <see cref="BatchRefusedException"/> when the service refuses the demo's batches.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SeedAsync(cancellationToken);
            await StreamAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogStopped(_totals.Events, _totals.Customers, _totals.Accepted, _totals.Duplicates, _totals.Rejected);
        }
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        LogSeeding(options.SeedCustomers);
        var started = Stopwatch.StartNew();
        var batch = new List<JsonObject>();
        for (var i = 0; i < options.SeedCustomers; i++)
        {
            batch.AddRange(_events.NewCustomerWithHistory());
            if (batch.Count < SeedBatchEvents) continue;
            await SendAsync(batch, cancellationToken);
            batch.Clear();
        }
        await SendAsync(batch, cancellationToken);
        _totals = _totals with { Seeded = true };
        LogSeeded(_events.Customers, _totals.Events, started.Elapsed.TotalSeconds);
    }

    private async Task StreamAsync(CancellationToken cancellationToken)
    {
        LogStreaming(options.EventsPerSecond);
        var perTick = options.EventsPerSecond * Tick.TotalSeconds;
        var carry = 0.0;
        var sinceReport = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(Tick, time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            // Fractions of an event carry over, so low rates still send on average what was asked.
            carry += perTick;
            var count = (int)carry;
            carry -= count;
            var batch = new List<JsonObject>(count);
            for (var i = 0; i < count; i++) batch.AddRange(_events.Live());
            await SendAsync(batch, cancellationToken);
            if (sinceReport.Elapsed < ReportEvery) continue;
            LogProgress(_totals.Events, _totals.Customers, _totals.Accepted, _totals.Duplicates, _totals.Rejected);
            sinceReport.Restart();
        }
    }

    private async Task SendAsync(List<JsonObject> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0) return;
        var answer = await sender.SendAsync(batch, cancellationToken);
        if (answer.Rejected > 0) LogRejected(answer.Rejected, answer.FirstRejection ?? "(no reason given)");
        var t = _totals;
        _totals = t with
        {
            Customers = _events.Customers,
            Batches = t.Batches + 1,
            Events = t.Events + answer.Events,
            Accepted = t.Accepted + answer.Accepted,
            Duplicates = t.Duplicates + answer.Duplicates,
            Rejected = t.Rejected + answer.Rejected,
        };
        Answered?.Invoke(answer, _totals);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeding {Customers} customers with a history in every class")]
    private partial void LogSeeding(int customers);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Customers} customers with {Events} events in {Seconds:0.0} s")]
    private partial void LogSeeded(int customers, long events, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Streaming about {Rate} events per second; Ctrl+C stops")]
    private partial void LogStreaming(double rate);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Events} events for {Customers} customers: {Accepted} accepted, {Duplicates} duplicates, {Rejected} rejected")]
    private partial void LogProgress(long events, int customers, long accepted, long duplicates, long rejected);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped after {Events} events for {Customers} customers: {Accepted} accepted, {Duplicates} duplicates, {Rejected} rejected")]
    private partial void LogStopped(long events, int customers, long accepted, long duplicates, long rejected);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The service rejected {Count} generated events, e.g. {Reason}")]
    private partial void LogRejected(int count, string reason);
}
