using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Profiles.Import.Tests.Infrastructure;

/// <summary>
/// A tiny ingest endpoint on a free port: answers each request with what <c>answer</c> says for its attempt number
/// (status and Retry-After), or 200 with every event accepted; records the message ids it accepted.
/// </summary>
public sealed class StubIngest : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private StubIngest(WebApplication app) => _app = app;

    public int Requests => _requests;

    public ConcurrentQueue<string> AcceptedIds { get; } = new();

    public Uri BaseAddress => new(_app.Urls.First());

    public static async Task<StubIngest> StartAsync(Func<int, (int Status, string? RetryAfter)?> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new StubIngest(app);
        app.MapPost("/v1/batch", async (HttpContext context) =>
        {
            var attempt = Interlocked.Increment(ref stub._requests);
            if (answer(attempt) is { } failure)
            {
                if (failure.RetryAfter is { } after) context.Response.Headers.RetryAfter = after;
                return Results.Problem(statusCode: failure.Status, detail: "stub failure");
            }
            var body = await JsonNode.ParseAsync(context.Request.Body);
            var batch = body!["batch"]!.AsArray();
            foreach (var e in batch) stub.AcceptedIds.Enqueue((string)e!["messageId"]!);
            return Results.Json(new { success = true, accepted = batch.Count, duplicates = 0, rejected = Array.Empty<object>() });
        });
        await app.StartAsync();
        return stub;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
