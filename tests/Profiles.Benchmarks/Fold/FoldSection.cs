using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Profiles.Benchmarks.Report;

namespace Profiles.Benchmarks.Fold;

/// <summary>
/// <c>fold [--iterations 15]</c>: nanoseconds and bytes allocated per event of the domain fold
/// (<see cref="FoldBenchmark"/>), measured by BenchmarkDotNet in this process. No target is set; the figures are printed.
/// </summary>
internal static class FoldSection
{
    public const string Usage = "[--iterations 15]";

    private const string Section = "fold";

    public static Task<IReadOnlyList<TargetRow>> RunAsync(IReadOnlyDictionary<string, string> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var iterations = options.TryGetValue("--iterations", out var n) ? int.Parse(n, CultureInfo.InvariantCulture) : 15;

        // In process: no generated project to build (a minute on 2 cores), and the same runtime and GC mode as the host.
        // One invocation per iteration, because every iteration needs fresh profiles (the iteration set-up).
        var job = Job.ShortRun
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(3)
            .WithIterationCount(iterations)
            .WithInvocationCount(1)
            .WithUnrollFactor(1);
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(ConsoleLogger.Default)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "profiles-benchmarks", "fold"));

        var summary = BenchmarkRunner.Run<FoldBenchmark>(config);
        var rows = new List<TargetRow>();
        foreach (var report in summary.Reports)
        {
            var name = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
            var measure = name == nameof(FoldBenchmark.ApplyAndReclassify)
                ? "apply + reclassify, per event"
                : "event as a whole drain (+ contribution, next check), per event";
            if (report.ResultStatistics is not { } statistics)
            {
                rows.Add(new TargetRow(Section, measure, "failed (see the BenchmarkDotNet log)"));
                continue;
            }

            var bytes = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
            rows.Add(new TargetRow(Section, $"{measure}: time", string.Create(CultureInfo.InvariantCulture, $"{statistics.Mean:N0} ns ± {statistics.StandardError:N0}")));
            rows.Add(new TargetRow(Section, $"{measure}: allocated", bytes is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b:N0} B") : "n/a"));
        }

        return Task.FromResult<IReadOnlyList<TargetRow>>(rows);
    }
}
