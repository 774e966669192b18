namespace Profiles.Benchmarks.Report;

/// <summary>
/// One line of the benchmark table: what was measured, the figure, and where the issue sets one, the target and
/// whether the figure meets it (<c>null</c> when there is no target).
/// </summary>
internal sealed record TargetRow(string Section, string Measure, string Figure, string? Target = null, bool? Met = null)
{
    public string Verdict => Met switch { true => "met", false => "MISSED", null => "" };
}
