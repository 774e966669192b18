using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Profiles.Abstractions.Grains;
using Profiles.Domain.Statistics;
using Profiles.Grains.Hosting;

namespace Profiles.Grains.Statistics;

/// <summary>
/// One per silo: adds up the contribution changes of this silo's customers (each already durable with its customer) into
/// one delta and sends it to the statistics grain every <see cref="StatisticsOptions.FlushInterval"/>. A batch that
/// fails is retried as it was, under the same sequence number, so the grain counts it once; changes made meanwhile
/// wait in the next batch. Reports land in one of several stripes, each with its own lock, so that customers draining at
/// once do not queue on one lock; a flush first adds the stripes to the pending batch.
/// </summary>
public sealed partial class StatisticsAccumulator : BackgroundService
{
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private readonly IGrainFactory _grains;
    private readonly ClassifierSource _classifiers;
    private readonly StatisticsOptions _options;
    private readonly ProfileClock _time;
    private readonly ILogger<StatisticsAccumulator> _logger;
    private readonly string _sender = Guid.NewGuid().ToString("N");
    private readonly Stripe[] _stripes = [.. Enumerable.Range(0, Math.Max(4, Environment.ProcessorCount * 4)).Select(_ => new Stripe())];
    private PopulationStatistics _pending = new();
    private PopulationStatistics? _inFlight;
    private long _sequence;

    public StatisticsAccumulator(
        IGrainFactory grains, ClassifierSource classifiers, IOptions<StatisticsOptions> options, ProfileClock time,
        ILogger<StatisticsAccumulator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _grains = grains;
        _classifiers = classifiers;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Replaces a customer's <paramref name="previous"/> contribution (null the first time) by <paramref name="current"/>.</summary>
    public void Report(PopulationContribution? previous, PopulationContribution current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var stripe = StripeOfThisThread();
        lock (stripe.Lock)
        {
            if (previous is not null) stripe.Statistics.Add(previous, -1, _classifiers.Detail);
            stripe.Statistics.Add(current, 1, _classifiers.Detail);
        }
    }

    /// <summary>Removes a customer's <paramref name="previous"/> contribution (a profile merged into another's).</summary>
    public void Retract(PopulationContribution previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var stripe = StripeOfThisThread();
        lock (stripe.Lock)
        {
            stripe.Statistics.Add(previous, -1, _classifiers.Detail);
        }
    }

    private Stripe StripeOfThisThread() => _stripes[(uint)Environment.CurrentManagedThreadId % (uint)_stripes.Length];

    /// <summary>Moves every stripe's reports into the pending batch.</summary>
    private void GatherStripes()
    {
        foreach (var stripe in _stripes)
        {
            PopulationStatistics gathered;
            lock (stripe.Lock)
            {
                if (stripe.Statistics.IsEmpty) continue;
                gathered = stripe.Statistics;
                stripe.Statistics = new PopulationStatistics();
            }
            lock (_lock) _pending.Add(gathered);
        }
    }

    /// <summary>Sends what is pending now (and a batch that failed before); tests call it instead of waiting for the timer.</summary>
    public async Task FlushAsync()
    {
        await _flushing.WaitAsync();
        try
        {
            GatherStripes();
            lock (_lock)
            {
                if (_inFlight is null && !_pending.IsEmpty)
                {
                    _inFlight = _pending;
                    _pending = new PopulationStatistics();
                    _sequence++;
                }
            }
            if (_inFlight is not null)
            {
                await _grains.GetGrain<IStatisticsGrain>(0).AddAsync(_sender, _sequence, _inFlight);
                _inFlight = null;
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(_options.FlushInterval, _time, stoppingToken);
                await TryFlushAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync sends the last batch.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await TryFlushAsync();
    }

    public override void Dispose()
    {
        _flushing.Dispose();
        base.Dispose();
    }

    private async Task TryFlushAsync()
    {
        try
        {
            await FlushAsync();
        }
        catch (Exception e)
        {
            LogFlushFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send the population statistics delta; it is retried at the next flush")]
    private partial void LogFlushFailed(Exception exception);

    private sealed class Stripe
    {
        public Lock Lock { get; } = new();

        public PopulationStatistics Statistics { get; set; } = new();
    }
}
