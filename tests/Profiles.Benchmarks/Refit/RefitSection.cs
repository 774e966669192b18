using System.Diagnostics;
using System.Globalization;
using System.Text;
using Profiles.Benchmarks.Report;
using Profiles.Domain.Predictions;
using Profiles.Domain.Predictions.Clusters;

namespace Profiles.Benchmarks.Refit;

/// <summary>
/// <c>refit [--customers 1000000] [--runs 3] [--orders-csv FILE]</c>: the periodic refit the statistics grain runs
/// (<see cref="PublishedModels.Fit"/>: BG/NBD, Gamma-Gamma and the clusters, from population cells), timed on
/// <see cref="RefitWorkload"/>'s simulated CDNOW-like customers. The input is built first, outside the measurement, as the
/// grain holds it; each run fits it from scratch and the fastest and slowest are printed. No target is set.
/// With <c>--orders-csv</c> the simulated customers' orders are also written as a CSV for <c>Profiles.Import</c> (the
/// README's worked example imports one), with the columns customer_id, order_id, total, created_at.
/// </summary>
internal static class RefitSection
{
    public const string Usage = "[--customers 1000000] [--runs 3] [--orders-csv FILE]";

    private const string Section = "refit";

    public static Task<IReadOnlyList<TargetRow>> RunAsync(IReadOnlyDictionary<string, string> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int Int(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : fallback;
        var customers = Int("--customers", 1_000_000);
        var runs = Math.Max(1, Int("--runs", 3));
        if (options.TryGetValue("--orders-csv", out var csv)) WriteOrders(csv, customers);

        var built = Stopwatch.StartNew();
        var input = RefitWorkload.Build(customers);
        built.Stop();
        Console.WriteLine($"  built {customers:N0} customers' cells in {built.Elapsed.TotalSeconds:0.0} s; fitting {runs} times...");

        var times = new List<TimeSpan>(runs);
        RefitWorkloadResult? result = null;
        for (var run = 0; run < runs; run++)
        {
            var started = Stopwatch.GetTimestamp();
            result = RefitWorkload.Run(input);
            times.Add(Stopwatch.GetElapsedTime(started));
        }

        // The two halves apart, once each, to say where the time goes.
        var predictions = new PredictionOptions();
        var started2 = Stopwatch.GetTimestamp();
        PopulationModel.Fit(input.Population, input.Now, 1, predictions);
        var models = Stopwatch.GetElapsedTime(started2);
        started2 = Stopwatch.GetTimestamp();
        ClusterModelFitter.Fit(ClusterPoints.FromRfmCells(input.RfmCells, Domain.Statistics.PopulationContribution.DayOf(input.Now)),
            ClusterPoints.RfmFeatures, new ClusterOptions(), 1, input.Now);
        var clusters = Stopwatch.GetElapsedTime(started2);

        var fit = result!.Model;
        string Seconds(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.00} s");
        var who = $"{customers:N0} customers";
        return Task.FromResult<IReadOnlyList<TargetRow>>(
        [
            new(Section, $"refit of {who} (BG/NBD + Gamma-Gamma + clusters), fastest of {runs}", Seconds(times.Min())),
            new(Section, $"refit of {who}, slowest of {runs}", Seconds(times.Max())),
            new(Section, "of which BG/NBD + Gamma-Gamma / clusters", $"{Seconds(models)} / {Seconds(clusters)}"),
            new(Section, "cells fitted: BG/NBD / spend / clusters' grid",
                string.Create(CultureInfo.InvariantCulture, $"{input.Population.Cells.Count:N0} / {input.Population.SpendCells.Count:N0} / {input.RfmCells.Count:N0}")),
            new(Section, "stored rows: BTYD cells / clusters' grid, packed", string.Create(CultureInfo.InvariantCulture,
                $"{input.Population.Pack().Length / 1024.0:N0} KiB / {ClusterCells.Pack(input.RfmCells).Length / 1024.0:N0} KiB")),
            new(Section, "fit status: BG/NBD / Gamma-Gamma / k",
                $"{fit.Purchases.Status} ({fit.Purchases.Iterations} it.) / {fit.Spend.Status} ({fit.Spend.Iterations} it.) / {result.Clusters?.Centroids.Length ?? 0}"),
        ]);
    }

    /// <summary>Writes RefitWorkload's simulated customers (the same seed) as one CSV row per order, each at noon UTC of its day.</summary>
    private static void WriteOrders(string path, int customers)
    {
        var nowDay = Domain.Statistics.PopulationContribution.DayOf(DateTimeOffset.UtcNow);
        const int acquisitionDays = 730, observedDays = 365;
        var firstDay = nowDay - acquisitionDays - observedDays;
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.WriteLine("customer_id,order_id,total,created_at");
        var customer = 0;
        var rows = 0;
        foreach (var purchases in PopulationSimulator.Simulate(RefitWorkload.Purchases, RefitWorkload.Spend, customers, firstDay, acquisitionDays, nowDay, 7, seed: 16))
        {
            customer++;
            var order = 0;
            foreach (var (day, value) in purchases)
            {
                var at = new DateTimeOffset(day * TimeSpan.TicksPerDay, TimeSpan.Zero).AddHours(12);
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"c-{customer:D6},c-{customer:D6}-{++order},{value:0.00},{at:yyyy-MM-ddTHH:mm:ssZ}"));
                rows++;
            }
        }
        Console.WriteLine($"  wrote {rows:N0} orders of {customer:N0} customers to {path}");
    }
}
