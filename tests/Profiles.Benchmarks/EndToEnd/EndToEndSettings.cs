using System.Globalization;

namespace Profiles.Benchmarks.EndToEnd;

/// <summary>
/// The end-to-end load, from the command line: <c>--customers 100000 --skew 1.1 --concurrency 64 --azurite-concurrency 8 --warmup 10 --window 20
/// --windows 3 --templates 1000 --only host,baseline,bare,azurite</c> (seconds for the times); <c>--rate</c> (events/s) fixes the
/// latency run's background load.
/// </summary>
internal sealed record EndToEndSettings(
    int Customers, double Skew, int EventsPerRequest, int Concurrency, int AzuriteConcurrency, TimeSpan WarmUp, TimeSpan Window, int Templates, double? Rate, IReadOnlySet<string> Only)
{
    public const string Usage = "[--customers 100000] [--skew 1.1] [--concurrency 64] [--azurite-concurrency 8] [--warmup 10] [--window 20] [--windows 3] [--templates 1000] [--rate events/s] [--only host,baseline,bare,azurite]";

    /// <summary>
    /// Consecutive windows each server is measured for; its figure is the window of median CPU per event. One window moved
    /// by ±20 % from run to run on this VM (collections falling in or out of it, other work on the cores).
    /// </summary>
    public int Windows { get; init; } = 3;

    public static EndToEndSettings From(IReadOnlyDictionary<string, string> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        double Number(string name, double fallback) =>
            options.TryGetValue(name, out var v) ? double.Parse(v, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : fallback;
        return new EndToEndSettings(
            Customers: (int)Number("--customers", 100_000),
            Skew: Number("--skew", 1.1),
            EventsPerRequest: 100,
            Concurrency: (int)Number("--concurrency", 64),
            AzuriteConcurrency: (int)Number("--azurite-concurrency", 8),
            WarmUp: TimeSpan.FromSeconds(Number("--warmup", 10)),
            Window: TimeSpan.FromSeconds(Number("--window", 20)),
            Templates: (int)Number("--templates", 1000),
            Rate: options.ContainsKey("--rate") ? Number("--rate", 0) : null,
            Only: options.TryGetValue("--only", out var only) ? only.Split(',').ToHashSet(StringComparer.Ordinal) : new HashSet<string>(StringComparer.Ordinal))
        {
            Windows = Math.Max(1, (int)Number("--windows", 3)),
        };
    }

    /// <summary>Whether the throughput run <paramref name="run"/> (host, baseline, bare, azurite) is to be measured (all by default).</summary>
    public bool Runs(string run) => Only.Count == 0 || Only.Contains(run);

    public SegmentWorkload Workload(int seed) => SegmentWorkload.Create(Templates, EventsPerRequest, Customers, Skew, seed);
}
