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
    public async Task WhenTheIngestQueueIsFullARequestAnswers429WithRetryAfterAndIsServedOnceASlotIsFree()
    {
        using var writer = _app.WriteClient();
        var customer = $"c-{Guid.NewGuid():N}";
        var held = await HoldTheOnlySlotAsync(_app);

        // While the only slot is taken, the next request is turned away at once.
        var rejected = await writer.PostBatchAsync(Segment.Page(customer, "Home"));

        await IngestApiTests.AssertProblem(rejected, HttpStatusCode.TooManyRequests, "Retry");
        Assert.Equal(TimeSpan.FromSeconds(2), rejected.Headers.RetryAfter?.Delta);

        held.Dispose();
        Assert.Equal(HttpStatusCode.OK, (await writer.PostBatchAsync(Segment.Page(customer, "Again"))).StatusCode);
    }

    [Fact]
    public async Task ARequestWhoseBodyIsStillArrivingHoldsNoSlotSoOthersAreServedMeanwhile()
    {
        using var writer = _app.WriteClient();
        var customer = $"c-{Guid.NewGuid():N}";
        var admission = _app.Services.GetRequiredService<IngestAdmission>();
        var held = new HeldContent($$"""{"batch":[{"type":"page","userId":"{{customer}}","name":"Slow"}]}""");
        var holding = SendHeldAsync(_app, held);
        await held.Started.WaitAsync(TimeSpan.FromSeconds(30));

        // The only slot is free although a request is being received: its body is read before it takes one.
        Assert.Equal(1, admission.AvailableSlots);
        Assert.Equal(HttpStatusCode.OK, (await writer.PostBatchAsync(Segment.Page(customer, "Fast"))).StatusCode);
        Assert.False(holding.IsCompleted);

        held.Release();
        Assert.Equal(HttpStatusCode.OK, (await holding).StatusCode);
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
        var held = await HoldTheOnlySlotAsync(app);

        // There is room in the queue, but the slot stays taken: the request waits its longest, then is turned away.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var rejected = await writer.PostBatchAsync(Segment.Page($"probe-{Guid.NewGuid():N}", "Home"));
        waited.Stop();

        await IngestApiTests.AssertProblem(rejected, HttpStatusCode.TooManyRequests, "Retry");
        Assert.Equal(TimeSpan.FromSeconds(3), rejected.Headers.RetryAfter?.Delta);
        Assert.True(waited.Elapsed >= TimeSpan.FromMilliseconds(300), $"answered after {waited.Elapsed}, before the queue wait was over");
        Assert.Equal(0, app.Services.GetRequiredService<IngestAdmission>().Queued);

        held.Dispose();
        Assert.Equal(HttpStatusCode.OK, (await writer.PostBatchAsync(Segment.Page($"after-{Guid.NewGuid():N}", "Home"))).StatusCode);
    }

    /// <summary>Takes the silo's only ingest slot, as a request being handled holds it, until disposed.</summary>
    private static async Task<IDisposable> HoldTheOnlySlotAsync(ProfilesApp app)
    {
        var lease = await app.Services.GetRequiredService<IngestAdmission>().AcquireAsync(CancellationToken.None);
        Assert.True(lease.IsAcquired);
        return lease;
    }

    private static async Task<HttpResponseMessage> SendHeldAsync(ProfilesApp app, HeldContent held)
    {
        using var writer = app.WriteClient();
        using var raw = new HttpClient { BaseAddress = app.BaseAddress };
        raw.DefaultRequestHeaders.Authorization = writer.DefaultRequestHeaders.Authorization;
        return await raw.PostAsync("/v1/batch", held);
    }

    /// <summary>A JSON body whose last bytes are sent only when released.</summary>
    private sealed class HeldContent : HttpContent
    {
        private readonly byte[] _body;
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HeldContent(string body)
        {
            _body = Encoding.UTF8.GetBytes(body);
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        public void Release() => _release.TrySetResult();

        /// <summary>Completes once the first bytes are sent.</summary>
        public Task Started => _started.Task;

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(_body.AsMemory(0, 10));
            await stream.FlushAsync();
            _started.TrySetResult();
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
