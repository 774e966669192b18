using System.Globalization;
using System.Text;
using System.Text.Json;
using Profiles.Import.Tests.Infrastructure;

namespace Profiles.Import.Tests;

public sealed class ImportRunTests : IAsyncLifetime
{
    private readonly ImportHost _host = new();
    private readonly TempFiles _files = new();
    private readonly HttpClient _http = new();

    public Task InitializeAsync()
    {
        _ = _host.BaseAddress;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _files.Dispose();
        await _host.DisposeAsync();
    }

    /// <summary>Orders of <paramref name="customers"/> customers, 10 each, with distinct amounts, in the last weeks.</summary>
    private static (string Csv, Dictionary<string, decimal> Revenue) Orders(string prefix, int customers)
    {
        var csv = new StringBuilder("customer_id,order_no,total,created_at,note\r\n");
        var revenue = new Dictionary<string, decimal>();
        var start = DateTimeOffset.UtcNow.Date.AddDays(-40);
        for (var i = 0; i < customers * 10; i++)
        {
            var customer = $"{prefix}-{i % customers}";
            var total = 10m + i;
            revenue[customer] = revenue.GetValueOrDefault(customer) + total;
            csv.Append(CultureInfo.InvariantCulture,
                $"{customer},o-{i},{total},{start.AddDays(i % 30):yyyy-MM-ddTHH:mm:ssZ},\"note, with \"\"quotes\"\"\"\r\n");
        }
        return (csv.ToString(), revenue);
    }

    private ImportSettings Settings(string file, int batchSize = 7) => CommandLine.Parse(
    [
        "--url", _host.BaseAddress.ToString(), "--write-key", ImportHost.WriteKey, "--file", file,
        "--map", "userId=customer_id", "--map", "event='Order Completed'", "--map", "properties.order_id=order_no",
        "--map", "properties.revenue=total", "--map", "timestamp=created_at", "--map", "properties.note=note",
        "--batch-size", batchSize.ToString(CultureInfo.InvariantCulture), "--retry-delay-ms", "10",
    ]);

    private async Task<JsonElement> OrdersOf(string customer)
    {
        using var client = _host.AgentClient();
        var json = await client.GetStringAsync(new Uri($"/api/customers/{customer}", UriKind.Relative));
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("orders").Clone();
    }

    [Fact]
    public async Task AnInterruptedImportResumesAndTheServerKeepsEveryEventExactlyOnce()
    {
        var prefix = $"resume-{Guid.NewGuid():N}";
        var (csv, revenue) = Orders(prefix, 5);
        var file = _files.Write("orders.csv", csv);
        var settings = Settings(file);

        using var cancel = new CancellationTokenSource();
        var acks = 0;
        var first = await new Importer(settings, _http, TextWriter.Null, interactive: false)
        {
            BatchAcknowledged = _ => { if (++acks == 3) cancel.Cancel(); },
        }.RunAsync(cancel.Token);

        Assert.Equal(ExitCodes.Interrupted, first.ExitCode);
        Assert.Equal(21, first.Accepted);
        var state = ImportState.Load(settings.StatePath)!;
        Assert.Equal(22, state.LastAcknowledgedLine); // header on line 1, 21 orders after it

        var second = await new Importer(settings, _http, TextWriter.Null, interactive: false).RunAsync(CancellationToken.None);

        Assert.Equal(ExitCodes.Success, second.ExitCode);
        Assert.Equal(21, second.Skipped);
        Assert.Equal(29, second.Sent);
        Assert.Equal(0, second.Duplicates);
        foreach (var (customer, total) in revenue)
        {
            var orders = await OrdersOf(customer);
            Assert.Equal(10, orders.GetProperty("lifetime").GetInt32());
            Assert.Equal(total, orders.GetProperty("lifetimeRevenue").GetDecimal());
        }

        var third = await new Importer(settings, _http, TextWriter.Null, interactive: false).RunAsync(CancellationToken.None);
        Assert.Equal(0, third.Sent);
    }

    [Fact]
    public async Task ImportingTheSameFileTwiceChangesNothing()
    {
        var prefix = $"twice-{Guid.NewGuid():N}";
        var (csv, revenue) = Orders(prefix, 3);
        // One order the service rejects (no amount), reported with its line.
        csv += $"{prefix}-0,o-bad,,2024-01-01T00:00:00Z,\r\n";
        var file = _files.Write("orders.csv", csv);
        var settings = Settings(file, batchSize: 500);

        var first = await new Importer(settings, _http, TextWriter.Null, interactive: false).RunAsync(CancellationToken.None);
        Assert.Equal(ExitCodes.CompletedWithRejects, first.ExitCode);
        Assert.Equal(1, first.Rejected);
        var reject = JsonDocument.Parse(File.ReadAllLines(settings.RejectsPath).Single()).RootElement;
        Assert.Equal(32, reject.GetProperty("line").GetInt32());
        var before = await Task.WhenAll(revenue.Keys.Select(OrdersOf));

        // A fresh run (no state file): every event goes again, and the server knows each one.
        File.Delete(settings.StatePath);
        var second = await new Importer(settings, _http, TextWriter.Null, interactive: false).RunAsync(CancellationToken.None);

        Assert.Equal(30, second.Duplicates);
        var after = await Task.WhenAll(revenue.Keys.Select(OrdersOf));
        Assert.Equal(before.Select(o => o.GetRawText()), after.Select(o => o.GetRawText()));
        Assert.Equal(revenue[$"{prefix}-0"], after[0].GetProperty("lifetimeRevenue").GetDecimal());
    }
}
