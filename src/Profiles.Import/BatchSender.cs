using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Profiles.Import;

/// <summary>
/// Posts batches to <c>/v1/batch</c> until the server acknowledges them. 429 and 503 are retried after the server's
/// Retry-After (or the back-off); other 5xx answers and network failures after an exponential back-off with jitter;
/// 400, 401, 403 and 413 are never retried.
/// </summary>
public sealed class BatchSender(HttpClient http, ImportSettings settings, Action<string>? onRetry = null)
{
    private readonly Uri _endpoint = new(settings.Url, "v1/batch");
    private readonly AuthenticationHeaderValue _auth =
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(settings.WriteKey + ":")));

    public async Task<BatchAnswer> SendAsync(JsonArray events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var body = new JsonObject { ["batch"] = events.DeepClone() }.ToJsonString();
        for (var attempt = 0; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            string failure;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                };
                request.Headers.Authorization = _auth;
                using var response = await http.SendAsync(request, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.IsSuccessStatusCode) return Parse(text);
                var status = (int)response.StatusCode;
                if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
                    retryAfter = RetryAfter(response.Headers.RetryAfter);
                else if (status < 500)
                    throw new ImportAbortedException(ExitCodes.Refused, $"The server refused the batch with {status}: {Detail(text)}");
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

            if (attempt >= settings.MaxRetries)
                throw new ImportAbortedException(ExitCodes.Unavailable, $"Gave up after {attempt + 1} attempts; last: {failure}");
            var delay = retryAfter ?? Backoff(attempt);
            onRetry?.Invoke($"attempt {attempt + 1} failed ({failure}); retrying in {delay.TotalSeconds:0.0} s");
            await Task.Delay(delay, cancellationToken);
        }
    }

    /// <summary>The back-off before retry <paramref name="attempt"/>: doubling from the first delay, capped, with jitter (50–100%).</summary>
    public TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(settings.MaxRetryDelay.TotalMilliseconds, settings.RetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + Random.Shared.NextDouble() / 2));
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        var wait = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (wait is not { } w) return null;
        if (w < TimeSpan.Zero) w = TimeSpan.Zero;
        return w > settings.MaxRetryDelay * 4 ? settings.MaxRetryDelay * 4 : w;
    }

    private static BatchAnswer Parse(string text)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        var rejected = new List<BatchRejection>();
        if (root.TryGetProperty("rejected", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var r in list.EnumerateArray())
            {
                rejected.Add(new BatchRejection(
                    r.GetProperty("index").GetInt32(),
                    r.TryGetProperty("messageId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null,
                    r.TryGetProperty("reason", out var reason) ? reason.GetString() ?? "" : ""));
            }
        }
        return new BatchAnswer(Int(root, "accepted"), Int(root, "duplicates"), rejected);
    }

    private static int Int(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : 0;

    private static string Detail(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("detail", out var detail)) return detail.GetString() ?? body;
        }
        catch (JsonException)
        {
        }
        return body.Length > 200 ? body[..200] : body;
    }
}
