using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Profiles.Benchmarks.EndToEnd;

/// <summary>
/// Sends <see cref="SegmentWorkload"/> bodies to a <c>/v1/batch</c> endpoint: closed loop with a fixed number of requests
/// in flight (to find the maximum), or open loop at a fixed rate (for latency under a known load). Every request must
/// answer 200 with every event accepted (a 503 or 429 is counted and retried), else the run fails: a figure of rejected
/// events would be no figure.
/// </summary>
internal sealed class LoadDriver : IDisposable
{
    private static readonly byte[] AllAccepted = Encoding.ASCII.GetBytes("\"rejected\":[]");

    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    private readonly HttpClient _http;
    private long _events;
    private long _failures;
    private long _refused;
    private string? _failure;

    public LoadDriver(Uri baseAddress, string writeKey)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(writeKey + ":")));
    }

    /// <summary>Requests answered 503 or 429 so far (each retried by the closed loop).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Events answered 200 so far.</summary>
    public long Events => Interlocked.Read(ref _events);

    public HttpClient Http => _http;

    /// <summary>
    /// Closed loop: <paramref name="concurrency"/> requests in flight for <paramref name="warmUp"/> and until the JIT has
    /// settled (<see cref="JitSettling"/>), then a steady window
    /// of <paramref name="window"/> measured between two snapshots of the events answered and of <paramref name="writes"/>.
    /// </summary>
    public async Task<SteadyWindow> SaturateAsync(SegmentWorkload workload, int concurrency, TimeSpan warmUp, TimeSpan window, Func<long> writes) =>
        (await SaturateAsync(workload, concurrency, warmUp, window, writes, windows: 1))[0];

    /// <summary>As <see cref="SaturateAsync(SegmentWorkload, int, TimeSpan, TimeSpan, Func{long})"/>, measuring <paramref name="windows"/> windows one after another.</summary>
    public async Task<IReadOnlyList<SteadyWindow>> SaturateAsync(SegmentWorkload workload, int concurrency, TimeSpan warmUp, TimeSpan window, Func<long> writes, int windows)
    {
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested && Interlocked.Read(ref _failures) == 0)
            {
                // A 503 or 429 is retried with the same body (same message ids), as Segment's SDKs do.
                var body = workload.Next();
                while (!await PostAsync(body, workload.EventsPerRequest) && !stop.IsCancellationRequested) await Task.Delay(RetryDelay);
            }
        })).ToList();
        var failed = Task.WhenAny(workers);

        await Task.WhenAny(Task.Delay(warmUp), failed);
        ThrowIfFailed();
        await JitSettling.WaitAsync(failed);
        ThrowIfFailed();
        var measured = new List<SteadyWindow>(windows);
        for (var i = 0; i < windows; i++) measured.Add(await SteadyWindow.MeasureAsync(window, () => Events, writes, failed));
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        ThrowIfFailed();
        return measured;
    }

    /// <summary>
    /// Open loop: sends <paramref name="requestsPerSecond"/> requests a second on schedule whatever the answers, until
    /// <paramref name="stop"/> is cancelled. Returns the requests sent and how many were sent more than 100 ms late
    /// (the client could not keep the pace).
    /// </summary>
    public async Task<(long Sent, long Late)> PaceAsync(SegmentWorkload workload, double requestsPerSecond, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        var inFlight = new List<Task>();
        long sent = 0, late = 0;
        while (!stop.IsCancellationRequested)
        {
            var due = TimeSpan.FromSeconds(sent / requestsPerSecond);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                try { await Task.Delay(wait, stop); }
                catch (OperationCanceledException) { break; }
                continue;
            }
            if (-wait > TimeSpan.FromMilliseconds(100)) late++;
            inFlight.Add(PostAsync(workload.Next(), workload.EventsPerRequest));
            sent++;
            if (inFlight.Count > 1024) inFlight.RemoveAll(t => t.IsCompleted);
        }
        await Task.WhenAll(inFlight);
        ThrowIfFailed();
        return (sent, late);
    }

    /// <summary>
    /// Posts one body and counts its events when it was answered 200 with every event accepted. False for a 503 or 429
    /// (counted in <see cref="Refused"/>: to be retried); any other answer fails the run.
    /// </summary>
    public async Task<bool> PostAsync(byte[] body, int events)
    {
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await _http.PostAsync(new Uri("/v1/batch", UriKind.Relative), content);
            var answer = await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests)
            {
                Interlocked.Increment(ref _refused);
                return false;
            }
            if (response.StatusCode != HttpStatusCode.OK || answer.AsSpan().IndexOf(AllAccepted) < 0)
            {
                Fail($"/v1/batch answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(answer.AsSpan(0, Math.Min(answer.Length, 500)))}");
                return true;
            }
            Interlocked.Add(ref _events, events);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Fail($"/v1/batch failed: {e.Message}");
            return true;
        }
    }

    public void Dispose() => _http.Dispose();

    private void Fail(string message)
    {
        Interlocked.Increment(ref _failures);
        Interlocked.CompareExchange(ref _failure, message, null);
    }

    private void ThrowIfFailed()
    {
        if (Interlocked.Read(ref _failures) > 0) throw new InvalidOperationException($"{_failures} requests failed; the first: {_failure}");
    }
}
