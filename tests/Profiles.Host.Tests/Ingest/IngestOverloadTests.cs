using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Profiles.Host.Apis;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Ingest;

public sealed class IngestOverloadTests : IAsyncLifetime
{
    private readonly ProfilesApp _app = new(settings: new Dictionary<string, string?>
    {
        ["Profiles:Ingest:MaxConcurrentRequests"] = "1",
        ["Profiles:Ingest:MaxQueuedRequests"] = "0",
        ["Profiles:Ingest:RetryAfterSeconds"] = "2",
    });

    public Task InitializeAsync()
    {
        _ = _app.BaseAddress;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task WhenTheIngestQueueIsFullARequestAnswers429WithRetryAfterAndTheHeldOneStillSucceeds()
    {
        using var writer = _app.WriteClient();
        var customer = $"c-{Guid.NewGuid():N}";
        var (held, holding) = await HoldTheOnlySlotAsync(_app, customer);

        // Once the held request has taken the only slot, the next one is turned away at once.
        var rejected = await writer.PostBatchAsync(Segment.Page($"probe-{Guid.NewGuid():N}", "Home"));

        await IngestApiTests.AssertProblem(rejected, HttpStatusCode.TooManyRequests, "Retry");
        Assert.Equal(TimeSpan.FromSeconds(2), rejected.Headers.RetryAfter?.Delta);

        held.Release();
        var response = await holding;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await writer.PostBatchAsync(Segment.Page(customer, "Again"))).StatusCode);
    }

    [Fact]
    public async Task ARequestThatWaitedMaxQueueWaitForASlotLeavesTheQueueWith429AndRetryAfter()
    {
        await using var app = new ProfilesApp(settings: new Dictionary<string, string?>
        {
            ["Profiles:Ingest:MaxConcurrentRequests"] = "1",
            ["Profiles:Ingest:MaxQueuedRequests"] = "4",
            ["Profiles:Ingest:MaxQueueWait"] = "00:00:00.300",
            ["Profiles:Ingest:RetryAfterSeconds"] = "3",
        });
        using var writer = app.WriteClient();
        var (held, holding) = await HoldTheOnlySlotAsync(app, $"c-{Guid.NewGuid():N}");

        // There is room in the queue, but the slot stays taken: the request waits its longest, then is turned away.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var rejected = await writer.PostBatchAsync(Segment.Page($"probe-{Guid.NewGuid():N}", "Home"));
        waited.Stop();

        await IngestApiTests.AssertProblem(rejected, HttpStatusCode.TooManyRequests, "Retry");
        Assert.Equal(TimeSpan.FromSeconds(3), rejected.Headers.RetryAfter?.Delta);
        Assert.True(waited.Elapsed >= TimeSpan.FromMilliseconds(300), $"answered after {waited.Elapsed}, before the queue wait was over");
        Assert.Equal(0, app.Services.GetRequiredService<IngestAdmission>().Queued);

        held.Release();
        Assert.Equal(HttpStatusCode.OK, (await holding).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await writer.PostBatchAsync(Segment.Page($"after-{Guid.NewGuid():N}", "Home"))).StatusCode);
    }

    /// <summary>Starts a request whose body is held back and waits until it has taken the silo's only ingest slot.</summary>
    private static async Task<(HeldContent Held, Task<HttpResponseMessage> Holding)> HoldTheOnlySlotAsync(ProfilesApp app, string customer)
    {
        var held = new HeldContent($$"""{"batch":[{"type":"page","userId":"{{customer}}","name":"Home"}]}""");
        var holding = SendAsync();
        var admission = app.Services.GetRequiredService<IngestAdmission>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (admission.AvailableSlots > 0 && !holding.IsCompleted && DateTime.UtcNow < deadline) await Task.Delay(10);
        return (held, holding);

        async Task<HttpResponseMessage> SendAsync()
        {
            using var writer = app.WriteClient();
            using var raw = new HttpClient { BaseAddress = app.BaseAddress };
            raw.DefaultRequestHeaders.Authorization = writer.DefaultRequestHeaders.Authorization;
            return await raw.PostAsync("/v1/batch", held);
        }
    }

    /// <summary>A JSON body whose last bytes are sent only when released: the request holds its slot meanwhile.</summary>
    private sealed class HeldContent : HttpContent
    {
        private readonly byte[] _body;
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HeldContent(string body)
        {
            _body = Encoding.UTF8.GetBytes(body);
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        public void Release() => _release.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(_body.AsMemory(0, 10));
            await stream.FlushAsync();
            await _release.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await stream.WriteAsync(_body.AsMemory(10));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
