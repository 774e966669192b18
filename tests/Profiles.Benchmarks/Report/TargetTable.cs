namespace Profiles.Benchmarks.Report;

/// <summary>Prints <see cref="TargetRow"/>s as one Markdown table (so the output can be pasted into the README).</summary>
internal static class TargetTable
{
    public static void Print(IReadOnlyList<TargetRow> rows, TextWriter? writer = null)
    {
        writer ??= Console.Out;
        string[] headers = ["section", "measure", "figure", "target", ""];
        var cells = rows.Select(r => new[] { r.Section, r.Measure, r.Figure, r.Target ?? "", r.Verdict }).ToList();
        var widths = headers.Select((h, i) => cells.Select(c => c[i].Length).Append(h.Length).Max()).ToArray();
        string Line(IReadOnlyList<string> c) =>
            "| " + string.Join(" | ", c.Select((s, i) => i == 2 ? s.PadLeft(widths[i]) : s.PadRight(widths[i]))) + " |";
        writer.WriteLine();
        writer.WriteLine(Line(headers));
        writer.WriteLine("|" + string.Join("|", widths.Select((w, i) => i == 2 ? new string('-', w + 1) + ":" : new string('-', w + 2))) + "|");
        foreach (var c in cells) writer.WriteLine(Line(c));
        writer.WriteLine();
    }
}
