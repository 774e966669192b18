using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Profiles.Cluster.Tests.Ingest;

/// <summary>
/// Sends <c>/v1/batch</c> requests as a Segment SDK with several endpoints would: round-robin over the silos, and on a
/// failure (503, refused connection, timeout) the same body — same message ids — to the next silo, with a capped backoff,
/// until it is acknowledged or <see cref="RetryFor"/> has passed. A silo that refused a connection is skipped for a while.
/// </summary>
internal sealed class RetryingIngestClient(HttpClient http, IReadOnlyList<Uri> silos, string writeKey, Stopwatch clock)
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan SkipUnreachableFor = TimeSpan.FromSeconds(5);

    private readonly AuthenticationHeaderValue _auth = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(writeKey + ":")));
    private readonly long[] _unreachableUntilTicks = new long[silos.Count];
    private int _next = -1;

    /// <summary>How long one request is retried before the client gives up on it.</summary>
    public TimeSpan RetryFor { get; init; } = TimeSpan.FromSeconds(60);

    public async Task<Delivery> SendAsync(IngestRequest request)
    {
        var delivery = new Delivery(request);
        var giveUpAt = clock.Elapsed + RetryFor;
        var delay = FirstDelay;
        while (true)
        {
            var silo = NextSilo();
            var attempt = await TryAsync(silos[silo], request);
            delivery.Add(attempt);
            if (attempt.Succeeded || clock.Elapsed > giveUpAt)
            {
                return delivery;
            }

            if (attempt.SiloUnreachable)
            {
                Volatile.Write(ref _unreachableUntilTicks[silo], (clock.Elapsed + SkipUnreachableFor).Ticks);
                continue;
            }

            await Task.Delay(delay);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
        }
    }

    private int NextSilo()
    {
        var now = clock.Elapsed.Ticks;
        for (var tries = 0; ; tries++)
        {
            var silo = (int)((uint)Interlocked.Increment(ref _next) % (uint)silos.Count);
            if (tries >= silos.Count || Volatile.Read(ref _unreachableUntilTicks[silo]) <= now)
            {
                return silo;
            }
        }
    }

    private async Task<Attempt> TryAsync(Uri silo, IngestRequest request)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(silo, "/v1/batch"))
        {
            Content = new StringContent(request.Body, Encoding.UTF8, "application/json"),
        };
        message.Headers.Authorization = _auth;
        try
        {
            using var response = await http.SendAsync(message);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return new Attempt(clock.Elapsed, silo, false, $"HTTP {(int)response.StatusCode}");
            }

            // A 200 that rejects events would make the expected profiles wrong: the generator, not the cluster, is at fault.
            var answer = JsonNode.Parse(body)!;
            if (answer["rejected"]!.AsArray().Count != 0 || answer["accepted"]!.GetValue<int>() != request.Events.Count)
            {
                throw new InvalidOperationException($"Request {request.Number} was not accepted whole: {body}");
            }

            return new Attempt(clock.Elapsed, silo, true, "HTTP 200");
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException or IOException)
        {
            return new Attempt(clock.Elapsed, silo, false, e.InnerException.GetType().Name) { SiloUnreachable = true };
        }
        catch (HttpRequestException e)
        {
            return new Attempt(clock.Elapsed, silo, false, e.HttpRequestError.ToString()) { SiloUnreachable = e.HttpRequestError == HttpRequestError.ConnectionError };
        }
        catch (TaskCanceledException)
        {
            return new Attempt(clock.Elapsed, silo, false, "timeout");
        }
    }
}
