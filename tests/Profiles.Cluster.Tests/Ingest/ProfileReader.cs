using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Profiles.Cluster.Tests.Ingest;

/// <summary>Reads profiles through <c>GET /api/customers/{id}</c> with an agent key, trying the next silo on a failure.</summary>
internal sealed class ProfileReader(HttpClient http, string agentKey)
{
    private const int MaxAttempts = 20;

    /// <summary>The profile JSON, or null when the customer is unknown (404).</summary>
    public async Task<JsonNode?> ReadAsync(IReadOnlyList<Uri> silos, string customerId, int first = 0)
    {
        for (var attempt = 0; ; attempt++)
        {
            var silo = silos[(first + attempt) % silos.Count];
            string? failure;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(silo, $"/api/customers/{Uri.EscapeDataString(customerId)}"));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", agentKey);
                using var response = await http.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.NotFound) return null;
                if (response.StatusCode == HttpStatusCode.OK) return JsonNode.Parse(await response.Content.ReadAsStringAsync());
                failure = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                failure = e.Message;
            }
            catch (TaskCanceledException)
            {
                failure = "timeout";
            }

            if (attempt + 1 >= MaxAttempts)
            {
                throw new InvalidOperationException($"Could not read customer {customerId} in {MaxAttempts} attempts; last: {failure}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }
}
