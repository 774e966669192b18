using System.Globalization;

namespace Profiles.Host.Tests.Infrastructure;

/// <summary>Latency figures for test output (tests print them; they do not assert wall-clock speed).</summary>
public static class Latencies
{
    /// <summary>"p50 …, p99 …, max … ms" of <paramref name="latencies"/>; "none" when empty.</summary>
    public static string Summary(IEnumerable<TimeSpan> latencies)
    {
        var sorted = latencies.Select(l => l.TotalMilliseconds).Order().ToArray();
        if (sorted.Length == 0) return "none";
        double At(double p) => sorted[(int)Math.Min(sorted.Length - 1, Math.Max(0, Math.Ceiling(p * sorted.Length) - 1))];
        return string.Create(CultureInfo.InvariantCulture, $"p50 {At(0.50):0}, p99 {At(0.99):0}, max {sorted[^1]:0} ms");
    }
}
