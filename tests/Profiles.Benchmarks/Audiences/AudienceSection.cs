using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Profiles.Abstractions.Audiences;
using Profiles.Abstractions.Grains;
using Profiles.Benchmarks.Report;
using Profiles.Domain.Audiences;
using Profiles.Grains.Audiences;

namespace Profiles.Benchmarks.Audiences;

/// <summary>
/// <c>audiences [--members 1000000] [--batch 2000] [--concurrency 8]</c>: an audience of a million members in the
/// membership index of a real silo (the host in this process, in-memory grain storage, serialized as on Azure Tables),
/// then exported through <c>GET /api/audiences/lifecycle/dormant/members</c>. No target is set; the figures are printed.
/// </summary>
/// <remarks>
/// The members are listed as customers list themselves: <see cref="MembershipUpdate"/>s (every built-in dimension, the
/// audience's lifecycle <c>dormant</c>) stored through the shards' <see cref="IAudienceShardGrain.UpdateAsync"/>, in batches
/// per shard as the silo's batcher sends them — without a million customer grains, whose cost the memory section measures.
/// Figures:
/// <list type="bullet">
/// <item>build: updates per second stored by the shards;</item>
/// <item>stored bytes per member: every shard's row and pages, serialized with the silo's grain-storage serializer (what
/// the Azure Table provider writes in its <c>Data</c> columns);</item>
/// <item>memory per member: the managed heap the shards' activations give back when collected;</item>
/// <item>export: ids per second and bytes per member streamed as CSV (ids only; cold — every shard read back from storage
/// first — and warm), as NDJSON with a class from the index, and as JSON pages of 1,000.</item>
/// </list>
/// </remarks>
internal static class AudienceSection
{
    public const string Usage = "[--members 1000000] [--batch 2000] [--concurrency 8]";

    private const string Section = "audiences";

    private static readonly string[] Rfm = ["champions", "loyal-customers", "at-risk", "hibernating", "about-to-sleep", "need-attention"];
    private static readonly string[] Countries = ["DE", "FR", "GB", "US", "ES", "IT", "NL", "other", "unknown"];

    public static async Task<IReadOnlyList<TargetRow>> RunAsync(IReadOnlyDictionary<string, string> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int Int(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : fallback;
        var members = Int("--members", 1_000_000);
        var batch = Int("--batch", 2_000);
        var concurrency = Int("--concurrency", 8);

        await using var host = new BenchmarkHost(storageConnectionString: null);
        host.Start();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var management = grains.GetGrain<IManagementGrain>(0);
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BenchmarkHost.OpsKey);

        // Warm-up outside the measured range: every shard activated, the export path compiled.
        await BuildAsync(grains, "warm-", 5_000, batch, concurrency);
        await ExportAsync(http, "");
        await management.ForceActivationCollection(TimeSpan.Zero);
        var before = MemorySample.Take();

        var build = Stopwatch.StartNew();
        await BuildAsync(grains, "customer-", members, batch, concurrency);
        build.Stop();
        var listed = await AudienceReader.CountAsync(grains, [new AudienceTerm("lifecycle", "dormant")]);
        if (listed != members + 5_000) throw new InvalidOperationException($"{listed:N0} listed instead of {members + 5_000:N0}.");
        Console.WriteLine($"  audiences: {members:N0} members stored in {build.Elapsed.TotalSeconds:0.0} s");

        var active = MemorySample.Take();
        var stored = await StoredBytesAsync(host.Services, grains);
        await management.ForceActivationCollection(TimeSpan.Zero);
        var collected = MemorySample.Take();
        Console.WriteLine($"  audiences: heap before {Mb(before.Heap)}, shards active {Mb(active.Heap)}, collected {Mb(collected.Heap)}; stored {Mb(stored.Bytes)} in {stored.Rows} rows");

        var cold = await ExportAsync(http, "format=csv");
        var warm = await ExportAsync(http, "format=csv");
        var ndjson = await ExportAsync(http, "format=ndjson&fields=value");
        var pages = await PagesAsync(http);
        foreach (var (name, run) in new[] { ("csv cold", cold), ("csv warm", warm), ("ndjson", ndjson), ("pages", pages) })
            Console.WriteLine($"  audiences: {name}: {run.Ids:N0} ids, {Mb(run.Bytes)} in {run.Elapsed.TotalSeconds:0.00} s");
        var total = members + 5_000;
        foreach (var run in new[] { cold, warm, ndjson, pages })
        {
            if (run.Ids != total) throw new InvalidOperationException($"An export listed {run.Ids:N0} ids instead of {total:N0}.");
        }

        return
        [
            new TargetRow(Section, $"audience built: {members:N0} members stored through the shards ({AudienceShards.Count} shards, batches of {batch:N0})",
                Rate(members / build.Elapsed.TotalSeconds, "updates/s")),
            new TargetRow(Section, $"stored per member (shard rows and pages, {stored.Rows:N0} rows; ids of 19 characters, 10 classes)", Bytes(stored.Bytes / (double)total)),
            new TargetRow(Section, "managed heap per member in the shards' activations (given back when they are collected)", Bytes((active.Heap - collected.Heap) / (double)total)),
            new TargetRow(Section, "export, CSV of ids, shards read back from storage first (cold)", Rate(total / cold.Elapsed.TotalSeconds, "ids/s")),
            new TargetRow(Section, "export, CSV of ids, shards active (warm)", Rate(total / warm.Elapsed.TotalSeconds, "ids/s")),
            new TargetRow(Section, "… bytes streamed per member (CSV, id and line end)", Bytes(warm.Bytes / (double)total)),
            new TargetRow(Section, "export, NDJSON with a class from the index (fields=value)", Rate(total / ndjson.Elapsed.TotalSeconds, "ids/s")),
            new TargetRow(Section, "… bytes streamed per member (NDJSON)", Bytes(ndjson.Bytes / (double)total)),
            new TargetRow(Section, "listing, JSON pages of 1,000 following the cursor", Rate(total / pages.Elapsed.TotalSeconds, "ids/s")),
        ];
    }

    /// <summary>Lists <paramref name="count"/> customers as dormant (with a class in every other built-in dimension), shard by shard in batches.</summary>
    private static async Task BuildAsync(IGrainFactory grains, string prefix, int count, int batch, int concurrency)
    {
        var stamp = DateTimeOffset.UtcNow.UtcTicks;
        var shards = Enumerable.Range(0, count)
            .Select(i => Update($"{prefix}{i:D10}", stamp + i, i))
            .GroupBy(u => AudienceShards.Of(u.CustomerId))
            .SelectMany(g => g.Chunk(batch).Select(chunk => (Shard: g.Key, Updates: ImmutableArray.Create(chunk))))
            .ToList();
        await Parallel.ForEachAsync(shards, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (work, _) =>
            await grains.GetGrain<IAudienceShardGrain>(work.Shard).UpdateAsync(work.Updates));
    }

    private static MembershipUpdate Update(string id, long stamp, int i) => new(id, stamp,
    [
        new AudienceTerm("rfm", Rfm[i % Rfm.Length]),
        new AudienceTerm("lifecycle", "dormant"),
        new AudienceTerm("satisfaction", i % 3 == 0 ? "satisfied" : "unknown"),
        new AudienceTerm("nps", i % 5 == 0 ? "promoter" : "none"),
        new AudienceTerm("value", i % 10 == 0 ? "A" : i % 4 == 0 ? "B" : "C"),
        new AudienceTerm("purchasingPower", i % 2 == 0 ? "medium" : "low"),
        new AudienceTerm("engagement", "inactive"),
        new AudienceTerm("socialRole", "lurker"),
        new AudienceTerm("geography", Countries[i % Countries.Length]),
        new AudienceTerm("ageBand", "unknown"),
    ]);

    private static async Task<(long Ids, long Bytes, TimeSpan Elapsed)> ExportAsync(HttpClient http, string query)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync(new Uri("/api/audiences/lifecycle/dormant/members?" + query, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[256 * 1024];
        long bytes = 0, lines = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            bytes += read;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }
        // A CSV's first line is its header.
        return (query.Contains("csv", StringComparison.Ordinal) ? lines - 1 : lines, bytes, clock.Elapsed);
    }

    private static async Task<(long Ids, long Bytes, TimeSpan Elapsed)> PagesAsync(HttpClient http)
    {
        var clock = Stopwatch.StartNew();
        long ids = 0, bytes = 0;
        string? cursor = null;
        do
        {
            using var response = await http.GetAsync(new Uri("/api/audiences/lifecycle/dormant/members?limit=1000" +
                (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)), UriKind.Relative));
            response.EnsureSuccessStatusCode();
            var text = await response.Content.ReadAsByteArrayAsync();
            bytes += text.Length;
            using var page = System.Text.Json.JsonDocument.Parse(text);
            ids += page.RootElement.GetProperty("members").GetArrayLength();
            cursor = page.RootElement.GetProperty("next").GetString();
        }
        while (cursor is not null);
        return (ids, bytes, clock.Elapsed);
    }

    /// <summary>Every shard's row and pages as the grain storage holds them, serialized as the Azure Table provider stores them.</summary>
    private static async Task<(long Bytes, int Rows)> StoredBytesAsync(IServiceProvider services, IGrainFactory grains)
    {
        var storage = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Profiles);
        var serializer = new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>());
        long bytes = 0;
        var rows = 0;
        for (var shard = 0; shard < AudienceShards.Count; shard++)
        {
            var grain = grains.GetGrain<IAudienceShardGrain>(shard).GetGrainId();
            var row = new GrainState<AudienceShardState>(new AudienceShardState());
            await storage.ReadStateAsync("audience", grain, row);
            bytes += serializer.Serialize(row.State).ToMemory().Length;
            rows++;
            for (var page = 1; page <= row.State!.Pages; page++)
            {
                var pageRow = new GrainState<AudienceShardPage>(new AudienceShardPage());
                await storage.ReadStateAsync("members." + page.ToString(CultureInfo.InvariantCulture), grain, pageRow);
                bytes += serializer.Serialize(pageRow.State).ToMemory().Length;
                rows++;
            }
        }
        return (bytes, rows);
    }

    private static string Rate(double value, string unit) => string.Create(CultureInfo.InvariantCulture, $"{value:N0} {unit}");

    private static string Bytes(double bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} B");

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:N0} MB");
}
