using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Profiles.Demo.Tests.Infrastructure;

/// <summary>
/// An ingest endpoint that answers each request as scripted (a status with <c>Retry-After: 0</c>, or a connection
/// failure) and then 200 with every event accepted; it keeps every body it was sent.
/// </summary>
public sealed class ScriptedIngest(params HttpStatusCode?[] script) : HttpMessageHandler
{
    private int _requests;

    /// <summary>The message ids of every request, in the order they came.</summary>
    public ConcurrentQueue<string[]> Requests { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!;
        var events = body["batch"]!.AsArray();
        Requests.Enqueue([.. events.Select(e => (string)e!["messageId"]!)]);
        var attempt = Interlocked.Increment(ref _requests) - 1;
        if (attempt < script.Length)
        {
            // null: the connection fails, as it does while the service restarts.
            if (script[attempt] is not { } status) throw new HttpRequestException("Connection refused (127.0.0.1:5080)");
            var refusal = new HttpResponseMessage(status) { Content = new StringContent("""{"detail":"try later"}""") };
            refusal.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.Zero);
            return refusal;
        }
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent($$"""{"success":true,"accepted":{{events.Count}},"duplicates":0,"rejected":[]}""", new MediaTypeHeaderValue("application/json")),
        };
    }
}
