using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Profiles.Host.Tests.Operations;

/// <summary>
/// An OTLP/HTTP collector stand-in on Kestrel (its own port, bound by the server itself): keeps the body of every export
/// to <c>/v1/traces</c>, <c>/v1/metrics</c> and <c>/v1/logs</c> and answers 200, as a collector does.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Signal, byte[] Body)> _exports = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private OtlpReceiver(WebApplication app) => _app = app;

    public Uri Endpoint => new(_app.Urls.First());

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/{signal}", async (string signal, HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            receiver._exports.Enqueue((signal, buffer.ToArray()));
            receiver._arrived.Release();
            return Results.Ok();
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>Waits until an export of <paramref name="signal"/> satisfies <paramref name="match"/>.</summary>
    public async Task<byte[]> WaitForAsync(string signal, Func<byte[], bool> match, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            var found = _exports.FirstOrDefault(e => e.Signal == signal && match(e.Body));
            if (found.Body is not null) return found.Body;
            try
            {
                await _arrived.WaitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException(
                    $"No {signal} export matched within {timeout}; exports received: {string.Join(", ", _exports.GroupBy(e => e.Signal).Select(g => $"{g.Key} × {g.Count()}"))}.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _arrived.Dispose();
    }
}
