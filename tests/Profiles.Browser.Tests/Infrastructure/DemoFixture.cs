using Microsoft.Extensions.Logging.Abstractions;
using Profiles.Demo;
using Profiles.Demo.Sending;
using Profiles.Demo.Traffic;

namespace Profiles.Browser.Tests.Infrastructure;

/// <summary>
/// A host fed by the demo's traffic generator (a repeatable stream: fixed random seed) over its public ingest API, as
/// <c>dotnet run --project src/Profiles.Demo</c> feeds it, for the README's screenshots of a living dashboard.
/// </summary>
public sealed class DemoFixture : PagesFixture
{
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http = new();
    private Task? _traffic;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (!Chromium.IsInstalled) return;
        var options = new DemoOptions { SeedCustomers = 400, EventsPerSecond = 40, RandomSeed = 7 };
        var sender = new SegmentBatchSender(_http, App.BaseAddress, TestKeys.Write, NullLogger<SegmentBatchSender>.Instance);
        _traffic = new DemoTraffic(options, sender, TimeProvider.System, NullLogger<DemoTraffic>.Instance).RunAsync(_stop.Token);
    }

    public override async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        // A stream that failed (the host refused its batches) fails here, where it shows.
        if (_traffic is not null) await _traffic;
        _http.Dispose();
        _stop.Dispose();
        await base.DisposeAsync();
    }
}
