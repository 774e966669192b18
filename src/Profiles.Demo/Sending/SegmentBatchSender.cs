using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Profiles.Demo.Sending;

/// <summary>
/// Posts Segment batches to <c>/v1/batch</c> with a write key in HTTP Basic, as Segment SDKs do, and sends a batch again
/// — the same bytes, so the same message ids, which the service counts once — until it is acknowledged: a 429 or 503
/// after its <c>Retry-After</c>, another 5xx, a timeout or a connection failure after a doubling back-off. Other 4xx
/// answers are refused for good (<see cref="BatchRefusedException"/>).
/// </summary>
public sealed partial class SegmentBatchSender(HttpClient http, Uri service, string writeKey, ILogger<SegmentBatchSender> logger)
{
    private readonly Uri _endpoint = new(service, "/v1/batch");
    private readonly AuthenticationHeaderValue _auth = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(writeKey + ":")));

    /// <summary>The first back-off after a failure without <c>Retry-After</c>; doubled per attempt (default 0.5 s).</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait before sending again, whatever the service asks (default 30 s).</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Sends <paramref name="events"/> as one batch until the service acknowledges it; only cancellation or a refusal ends it sooner.</summary>
    public async Task<BatchAnswer> SendAsync(IReadOnlyList<JsonObject> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var body = JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["batch"] = new JsonArray([.. events.Select(e => e.DeepClone())]) });
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            string failure;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Authorization = _auth;
                using var response = await http.SendAsync(request, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.IsSuccessStatusCode) return Read(text, events.Count, attempt);
                var status = (int)response.StatusCode;
                if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable) retryAfter = RetryAfter(response.Headers.RetryAfter);
                else if (status < 500) throw new BatchRefusedException($"The service refused a batch with {status}: {Detail(text)}") { Status = status };
                failure = $"{status} {Detail(text)}";
            }
            catch (HttpRequestException e)
            {
                failure = e.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = "the request timed out";
            }

            var delay = retryAfter ?? Backoff(attempt);
            LogRetrying(events.Count, failure, delay.TotalSeconds, attempt + 1);
            await Task.Delay(delay, cancellationToken);
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(MaxRetryDelay.TotalMilliseconds, FirstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 20)));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (Random.Shared.NextDouble() / 2)));
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        var wait = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (wait is not { } w) return null;
        return w < TimeSpan.Zero ? TimeSpan.Zero : w > MaxRetryDelay ? MaxRetryDelay : w;
    }

    private static BatchAnswer Read(string text, int events, int attempts)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        int Count(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : 0;
        var rejected = root.TryGetProperty("rejected", out var list) && list.ValueKind == JsonValueKind.Array ? list : default;
        var count = rejected.ValueKind == JsonValueKind.Array ? rejected.GetArrayLength() : 0;
        var first = count > 0 && rejected[0].TryGetProperty("reason", out var reason) ? reason.GetString() : null;
        return new BatchAnswer(events, Count("accepted"), Count("duplicates"), count, first, attempts);
    }

    private static string Detail(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("detail", out var detail))
                return detail.GetString() ?? body;
        }
        catch (JsonException)
        {
        }
        return body.Length > 200 ? body[..200] : body;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} events was not stored ({Failure}); sending it again with the same message ids in {Seconds:0.0} s (attempt {Attempt})")]
    private partial void LogRetrying(int count, string failure, double seconds, int attempt);
}
