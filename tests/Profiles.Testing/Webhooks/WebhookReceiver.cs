using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Profiles.Testing.Webhooks;

/// <summary>
/// A real HTTP receiver on Kestrel on a free port: answers 500 to the first <c>failFirst</c> requests, then 200, and
/// hands every request it accepted (body and signature header) to the test. <see cref="Hold"/> keeps requests waiting
/// until <see cref="Release"/> (then 500), as a receiver that hangs.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<(byte[] Body, string Signature)> _accepted = Channel.CreateUnbounded<(byte[], string)>();
    private readonly TaskCompletionSource _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _failures;

    private WebhookReceiver(WebApplication app) => _app = app;

    private int _redirects;

    public int Failures => _failures;

    /// <summary>Requests answered at <see cref="RedirectUrl"/> with a 307 to <see cref="Url"/>.</summary>
    public int Redirects => Volatile.Read(ref _redirects);

    /// <summary>An address that answers every request with 307 Temporary Redirect to <see cref="Url"/>.</summary>
    public Uri RedirectUrl => new(new Uri(_app.Urls.First()), "/hooks/moved");

    /// <summary>Completes when the receiver has answered 500 once.</summary>
    public Task FirstFailure => _failed.Task;

    public Uri Url => new(new Uri(_app.Urls.First()), "/hooks/profiles");

    /// <summary>Requests answered 400 because <c>refuse</c> matched their body.</summary>
    public int Refusals => Volatile.Read(ref _refusals);

    private int _refusals;

    private TaskCompletionSource? _hold;
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a request is being held (see <see cref="Hold"/>).</summary>
    public Task FirstHeld => _held.Task;

    /// <summary>From now on, requests wait without an answer until <see cref="Release"/>.</summary>
    public void Hold() => Volatile.Write(ref _hold, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Answers the held requests 500 and stops holding.</summary>
    public void Release() => Interlocked.Exchange(ref _hold, null)?.TrySetResult();

    /// <summary>Starts the receiver; <paramref name="refuse"/> picks bodies to answer 400 Bad Request (a poison change).</summary>
    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0, Func<string, bool>? refuse = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        var requests = 0;
        app.MapPost("/hooks/profiles", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            if (Volatile.Read(ref receiver._hold) is { } hold)
            {
                receiver._held.TrySetResult();
                await hold.Task.WaitAsync(context.RequestAborted);
                return Results.StatusCode(500);
            }
            if (refuse is not null && refuse(System.Text.Encoding.UTF8.GetString(buffer.ToArray())))
            {
                Interlocked.Increment(ref receiver._refusals);
                return Results.BadRequest();
            }
            if (Interlocked.Increment(ref requests) <= failFirst)
            {
                Interlocked.Increment(ref receiver._failures);
                receiver._failed.TrySetResult();
                return Results.StatusCode(500);
            }
            receiver.LastAuthorization = context.Request.Headers.Authorization.ToString();
            receiver._accepted.Writer.TryWrite((buffer.ToArray(), context.Request.Headers["X-Profiles-Signature"].ToString()));
            return Results.Ok();
        });
        app.MapPost("/hooks/moved", (HttpContext context) =>
        {
            Interlocked.Increment(ref receiver._redirects);
            return Results.Redirect("/hooks/profiles", permanent: false, preserveMethod: true);
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>Reads accepted requests until one holds a change matching <paramref name="match"/>; returns every change seen.</summary>
    public async Task<List<(JsonElement Change, byte[] Body, string Signature)>> WaitForAsync(
        Func<JsonElement, bool> match, List<(JsonElement Change, byte[] Body, string Signature)>? seen = null, TimeSpan? timeout = null)
    {
        seen ??= [];
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var (body, signature) = await _accepted.Reader.ReadAsync(cancel.Token);
            var found = false;
            foreach (var change in JsonDocument.Parse(body).RootElement.GetProperty("changes").EnumerateArray())
            {
                seen.Add((change.Clone(), body, signature));
                found |= match(change);
            }
            if (found) return seen;
        }
    }

    /// <summary>The <c>Authorization</c> header of the latest request accepted at <see cref="Url"/>.</summary>
    public string? LastAuthorization { get; private set; }

    /// <summary>
    /// Reads accepted Segment batches (the Segment webhook format, <c>{"batch": [...]}</c>) into <paramref name="calls"/>
    /// until <paramref name="done"/> holds for every call read so far.
    /// </summary>
    public async Task ReadSegmentCallsAsync(List<JsonElement> calls, Func<IReadOnlyList<JsonElement>, bool> done, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(done);
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        while (!done(calls))
        {
            var (body, _) = await _accepted.Reader.ReadAsync(cancel.Token);
            foreach (var call in JsonDocument.Parse(body).RootElement.GetProperty("batch").EnumerateArray()) calls.Add(call.Clone());
        }
    }

    /// <summary>True when a request was accepted at <see cref="Url"/> and not yet read.</summary>
    public bool HasAccepted => _accepted.Reader.TryPeek(out _);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
