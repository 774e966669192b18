using BenchmarkDotNet.Attributes;
using Profiles.Benchmarks.Workload;
using Profiles.Domain.Classification;
using Profiles.Domain.Events;
using Profiles.Domain.Predictions;
using Profiles.Domain.Predictions.Clusters;
using Profiles.Domain.Profiles;
using Profiles.Domain.Statistics;
using Profiles.Grains.Scheduling;

namespace Profiles.Benchmarks.Fold;

/// <summary>
/// Folds the mixed stream into existing profiles (Zipf-skewed customers, each with a short history), as
/// <c>CustomerGrain</c> does: <see cref="CustomerProfile.Apply"/> and <see cref="CustomerProfile.Reclassify"/> per event,
/// and per drain the population contribution (with the purchase history) and the next time-driven check. The classifier
/// holds fitted population models, as every silo does after the first refit, so churn risk and cluster are classified.
/// Every iteration starts from the same profiles (rebuilt in the iteration set-up, outside the measurement), so every
/// event is new to its profile.
/// </summary>
[MemoryDiagnoser]
public class FoldBenchmark
{
    /// <summary>Events folded per invocation; BenchmarkDotNet divides time and allocations by it.</summary>
    public const int StreamEvents = 4000;

    private const int Customers = 2000;
    private const int HistoryEvents = 8;

    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private ProfileClassifier _classifier = ProfileClassifier.Default;
    private readonly List<ClassChange> _changes = [];
    private CustomerEvent[][] _history = [];
    private CustomerEvent[] _stream = [];
    private int[] _customerOf = [];
    private CustomerProfile[] _profiles = [];
    private byte[][] _reported = [];

    [GlobalSetup]
    public void Setup()
    {
        var refit = RefitWorkload.Build(customers: 20_000, seed: 7);
        var models = PublishedModels.Fit(refit.Population, refit.RfmCells, refit.Now, 1, new PredictionOptions(), new ClusterOptions());
        _classifier = new ProfileClassifier(new ClassificationOptions(), models: models);

        var events = new MixedStream(seed: 7, Now, spread: TimeSpan.FromDays(365));
        _history = [.. Enumerable.Range(0, Customers).Select(c => Enumerable.Range(0, HistoryEvents).Select(_ => events.Next(c)).ToArray())];

        var recent = new MixedStream(seed: 11, Now, spread: TimeSpan.FromDays(7));
        var random = new Random(13);
        var zipf = new ZipfSampler(Customers, 1.1);
        _customerOf = [.. Enumerable.Range(0, StreamEvents).Select(_ => zipf.Next(random))];
        _stream = [.. _customerOf.Select(recent.Next)];
    }

    [IterationSetup]
    public void FreshProfiles()
    {
        _profiles = new CustomerProfile[Customers];
        _reported = new byte[Customers][];
        for (var c = 0; c < Customers; c++)
        {
            var profile = CustomerProfile.Create("customer-" + c);
            foreach (var e in _history[c]) profile.Apply(e);
            profile.Reclassify(_classifier, Now, causedBy: null);
            _reported[c] = PopulationContribution.Of(_classifier.Summarize(profile, Now), profile.CurrentPurchaseHistory(), profile.Classes).Pack();
            _profiles[c] = profile;
        }
    }

    /// <summary>The fold of one event: apply it and reclassify the profile.</summary>
    [Benchmark(OperationsPerInvoke = StreamEvents)]
    public int ApplyAndReclassify()
    {
        _changes.Clear();
        for (var i = 0; i < _stream.Length; i++)
        {
            var e = _stream[i];
            var profile = _profiles[_customerOf[i]];
            if (profile.Apply(e) == ApplyOutcome.Applied) _changes.AddRange(profile.Reclassify(_classifier, Now, e.MessageId));
        }

        return _changes.Count;
    }

    /// <summary>
    /// One event as a whole drain of the grain (the common case when batches spread over many customers): the fold,
    /// then the customer's population contribution (kept only when it changed) and the bucket of its next check.
    /// </summary>
    [Benchmark(OperationsPerInvoke = StreamEvents)]
    public long EventAsDrain()
    {
        _changes.Clear();
        long buckets = 0;
        for (var i = 0; i < _stream.Length; i++)
        {
            var e = _stream[i];
            var profile = _profiles[_customerOf[i]];
            if (profile.Apply(e) != ApplyOutcome.Applied) continue;
            _changes.AddRange(profile.Reclassify(_classifier, Now, e.MessageId));
            var orders = _classifier.Summarize(profile, Now);
            // As the grain keeps it: packed in its bookkeeping, compared as it is.
            var customer = _customerOf[i];
            var history = profile.CurrentPurchaseHistory();
            if (!PopulationContribution.Matches(_reported[customer], orders, history, profile.Classes))
                _reported[customer] = PopulationContribution.Of(orders, history, profile.Classes).Pack();
            if (TimeTriggers.NextCheck(profile, _classifier, Now) is { } due) buckets += WakeSchedule.BucketOf(due);
        }

        return buckets + _changes.Count;
    }
}
