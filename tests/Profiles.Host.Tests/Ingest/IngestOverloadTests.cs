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
        var held = new HeldContent($$"""{"batch":[{"type":"page","userId":"{{customer}}","name":"Home"}]}""");
        using var raw = new HttpClient { BaseAddress = _app.BaseAddress };
        raw.DefaultRequestHeaders.Authorization = writer.DefaultRequestHeaders.Authorization;
        var holding = raw.PostAsync("/v1/batch", held);

        // Once the held request has taken the only slot, the next one is turned away at once.
        var admission = _app.Services.GetRequiredService<IngestAdmission>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (admission.AvailableSlots > 0 && !holding.IsCompleted && DateTime.UtcNow < deadline) await Task.Delay(10);
        var rejected = await writer.PostBatchAsync(Segment.Page($"probe-{Guid.NewGuid():N}", "Home"));

        await IngestApiTests.AssertProblem(rejected, HttpStatusCode.TooManyRequests, "Retry");
        Assert.Equal(TimeSpan.FromSeconds(2), rejected.Headers.RetryAfter?.Delta);

        held.Release();
        var response = await holding;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await writer.PostBatchAsync(Segment.Page(customer, "Again"))).StatusCode);
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
