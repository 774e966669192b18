using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Profiles.Deploy.Tests.Shutdown;

/// <summary>
/// A client that streams batches of orders as a Segment SDK with several endpoints would: each batch goes to the next
/// silo, and on any failure (refused connection, timeout, 503) the same body — same message ids — to the next one, until
/// it is acknowledged. Counts, per customer, the orders acknowledged.
/// </summary>
internal sealed class EventStream(HttpClient http, Func<IReadOnlyList<Uri>> silos, string writeKey, int customers, string runId)
{
    private const int BatchSize = 5;
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);

    private readonly AuthenticationHeaderValue _auth = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(writeKey + ":")));
    private readonly ConcurrentDictionary<string, int> _acknowledged = new(StringComparer.Ordinal);
    private int _next;
    private long _sequence;
    private long _sent;
    private long _attempts;
    private long _failedAttempts;
    private long _duplicatesReported;

    /// <summary>Distinct events sent (each once, however often it was retried).</summary>
    public long Sent => Interlocked.Read(ref _sent);

    public long Acknowledged => _acknowledged.Values.Sum();

    public long Attempts => Interlocked.Read(ref _attempts);

    public long FailedAttempts => Interlocked.Read(ref _failedAttempts);

    /// <summary>Events the service reported as already stored: retries of a batch whose first answer was lost.</summary>
    public long DuplicatesReported => Interlocked.Read(ref _duplicatesReported);

    public IReadOnlyDictionary<string, int> AcknowledgedByCustomer => _acknowledged;

    public string Customer(int index) => $"{runId}-c{index}";

    /// <summary>Sends batches one after the other until <paramref name="stop"/>; each is retried until acknowledged.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var random = new Random();
        while (!stop.IsCancellationRequested)
        {
            var orders = Enumerable.Range(0, BatchSize)
                .Select(_ => (Customer: Customer(random.Next(customers)), Id: $"{runId}-{Interlocked.Increment(ref _sequence)}"))
                .ToList();
            var body = new JsonObject
            {
                ["batch"] = new JsonArray([.. orders.Select(o => (JsonNode)new JsonObject
                {
                    ["type"] = "track",
                    ["userId"] = o.Customer,
                    ["event"] = "Order Completed",
                    ["messageId"] = o.Id,
                    ["properties"] = new JsonObject { ["order_id"] = o.Id, ["revenue"] = 1 },
                })]),
            }.ToJsonString();
            Interlocked.Add(ref _sent, orders.Count);
            await SendUntilAcknowledgedAsync(body);
            foreach (var order in orders) _acknowledged.AddOrUpdate(order.Customer, 1, (_, n) => n + 1);
        }
    }

    private async Task SendUntilAcknowledgedAsync(string body)
    {
        var giveUpAt = DateTime.UtcNow + GiveUpAfter;
        string? lastError = null;
        while (DateTime.UtcNow < giveUpAt)
        {
            var targets = silos();
            var silo = targets[(int)((uint)Interlocked.Increment(ref _next) % (uint)targets.Count)];
            Interlocked.Increment(ref _attempts);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(silo, "/v1/batch"))
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                };
                request.Headers.Authorization = _auth;
                using var response = await http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Interlocked.Add(ref _duplicatesReported, JsonNode.Parse(text)!["duplicates"]!.GetValue<long>());
                    return;
                }
                lastError = $"{silo}: HTTP {(int)response.StatusCode} {text}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                lastError = $"{silo}: {e.GetType().Name} {e.Message}";
            }

            Interlocked.Increment(ref _failedAttempts);
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
        throw new TimeoutException($"A batch was not acknowledged within {GiveUpAfter}; last error: {lastError}");
    }
}
