namespace Profiles.Benchmarks;

/// <summary>The schedule benchmark's table: one column per run.</summary>
internal static class ScheduleReport
{
    public static void Print(IReadOnlyList<ScheduleRunResult> runs)
    {
        static string PerCustomer(double bytes, int customers) => $"{bytes / customers:N1} B";
        static string Mb(long bytes) => $"{bytes / 1048576.0:N1} MiB";
        static string Na(string? value) => value ?? "n/a";
        static string Sizes(StateBytes? buckets, StateBytes? days, int customers, Func<StateBytes, long> pick) =>
            buckets is { } b && days is { } d ? $"{PerCustomer(pick(b) + pick(d), customers)} ({PerCustomer(pick(b), customers)} + {PerCustomer(pick(d), customers)})" : "n/a";

        var rows = new List<(string Measure, Func<ScheduleRunResult, string> Value)>
        {
            ("customers scheduled", r => r.Customers.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)),
            ("scheduling throughput", r => $"{r.CustomersPerSecond:N0} customers/s ({r.Elapsed.TotalSeconds:0.0} s)"),
            ("storage writes (per customer)", r => r.Writes is { } w ? $"{w:N0} ({(double)w / r.Customers:0.00})" : "n/a (no counter on memory storage)"),
            ("rows: bucket shards + day indexes", r => $"{r.ComputedBuckets.Rows:N0} + {r.ComputedDays.Rows:N0}"),
            ("customers per bucket-shard row", r => $"{(double)r.Customers / r.ComputedBuckets.Rows:0.00}"),
            ("STORED (read back) data+keys / customer (bucket + day)", r => Sizes(r.StoredBuckets, r.StoredDays, r.Customers, s => s.DataAndKeys)),
            ("  stored rows with data (+ empty rows left by fired buckets)", r => r.StoredBuckets is { } b && r.StoredDays is { } d ? $"{b.Rows:N0} + {d.Rows:N0} (+ {r.StoredEmptyRows:N0})" : "n/a"),
            ("  of which Data columns", r => Sizes(r.StoredBuckets, r.StoredDays, r.Customers, s => s.DataBytes)),
            ("  of which keys (UTF-16)", r => Sizes(r.StoredBuckets, r.StoredDays, r.Customers, s => s.KeyBytes)),
            ("  Azure entity size formula", r => Sizes(r.StoredBuckets, r.StoredDays, r.Customers, s => s.EntityBytes)),
            ("serialized (computed) data+keys / customer", r => Sizes(r.ComputedBuckets, r.ComputedDays, r.Customers, s => s.DataAndKeys)),
            ("  of which Data columns", r => Sizes(r.ComputedBuckets, r.ComputedDays, r.Customers, s => s.DataBytes)),
            ("  Azure entity size formula", r => Sizes(r.ComputedBuckets, r.ComputedDays, r.Customers, s => s.EntityBytes)),
            ("total Azure entity size (computed)", r => Mb(r.ComputedBuckets.EntityBytes + r.ComputedDays.EntityBytes)),
            ("heap before", r => Mb(r.Before.Heap)),
            ("heap, schedule grains active (per customer)", r => $"{Mb(r.Active.Heap)} ({PerCustomer(r.Active.Heap - r.Before.Heap, r.Customers)})"),
            ("heap after activation collection (per customer)", r => $"{Mb(r.Collected.Heap)} ({PerCustomer(r.Collected.Heap - r.Before.Heap, r.Customers)})"),
            ("working set before", r => Mb(r.Before.WorkingSet)),
            ("working set, grains active (per customer)", r => $"{Mb(r.Active.WorkingSet)} ({PerCustomer(r.Active.WorkingSet - r.Before.WorkingSet, r.Customers)})"),
            ("working set after collection (per customer)", r => $"{Mb(r.Collected.WorkingSet)} ({PerCustomer(r.Collected.WorkingSet - r.Before.WorkingSet, r.Customers)})"),
            ("schedule activations: active / after collection", r => $"{r.ActivationsActive:N0} / {r.ActivationsCollected:N0}"),
            ("fire one bucket (32 shards) via its day index", r => Na(r.Fire is { } f ? $"{r.FireCustomers:N0} customers in {f.TotalMilliseconds:N0} ms" : null)),
        };

        var headers = runs.Select(r => r.Storage).ToList();
        var cells = rows.Select(row => runs.Select(row.Value).ToList()).ToList();
        var width = rows.Max(r => r.Measure.Length);
        var widths = headers.Select((h, c) => Math.Max(h.Length, cells.Max(row => row[c].Length))).ToList();
        Console.WriteLine();
        Console.WriteLine($"| {"measure".PadRight(width)} | {string.Join(" | ", headers.Select((h, c) => h.PadLeft(widths[c])))} |");
        Console.WriteLine($"|{new string('-', width + 2)}|{string.Join("|", widths.Select(w => new string('-', w + 1) + ":"))}|");
        for (var i = 0; i < rows.Count; i++)
        {
            Console.WriteLine($"| {rows[i].Measure.PadRight(width)} | {string.Join(" | ", cells[i].Select((v, c) => v.PadLeft(widths[c])))} |");
        }

        Console.WriteLine();
    }
}
