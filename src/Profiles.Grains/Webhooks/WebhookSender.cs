using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Profiles.Domain.Profiles;

namespace Profiles.Grains.Webhooks;

/// <summary>
/// Posts one signed batch of changes to an endpoint and returns the status it answered. Redirects are never followed: a
/// 3xx is the receiver's answer (not 2xx, so the batch is retried), and a signed batch of customer data never goes to an
/// address that is not the configured one.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    /// <summary>The status a batch with nothing to send "answers": delivered.</summary>
    private const int NothingToSend = 204;

    private readonly HttpClient _http;
    private readonly TimeProvider _time;

    public WebhookSender(IOptions<WebhookOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = options.Value.RequestTimeout,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Profiles-Webhooks", "1.0"));
        _time = time;
    }

    public async Task<int?> SendAsync(WebhookEndpointOptions endpoint, IReadOnlyList<ClassChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var segmentFormat = endpoint.Format == WebhookFormat.Segment;
        var body = segmentFormat ? SegmentAudiencePayload.Body(changes, endpoint, _time.GetUtcNow()) : WebhookPayload.Body(changes);
        // Changes that enter and leave no audience the endpoint selects (a custom segment's non-members): nothing to say.
        if (body is null) return NothingToSend;
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (segmentFormat)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(endpoint.WriteKey + ":")));
        }
        if (!string.IsNullOrEmpty(endpoint.Secret))
        {
            request.Headers.TryAddWithoutValidation(WebhookPayload.SignatureHeader,
                WebhookPayload.Signature(endpoint.Secret, _time.GetUtcNow().ToUnixTimeSeconds(), body));
        }
        using var response = await _http.SendAsync(request, cancellationToken);
        return (int)response.StatusCode;
    }

    public void Dispose() => _http.Dispose();
}
