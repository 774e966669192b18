using Profiles.Grains.Hosting;

namespace Profiles.Grains.Webhooks;

/// <summary>Refuses webhook settings (<c>Profiles:Webhooks</c>) that cannot deliver, naming each bad key.</summary>
public sealed class WebhookOptionsValidator : OptionsValidator<WebhookOptions>
{
    /// <inheritdoc />
    protected override void Check(WebhookOptions options, List<string> failures)
    {
        const string S = WebhookOptions.Section;
        RequirePositive(failures, $"{S}:InitialRetryDelay", options.InitialRetryDelay);
        if (options.MaxRetryDelay < options.InitialRetryDelay) failures.Add($"{S}:MaxRetryDelay must be at least {S}:InitialRetryDelay.");
        if (options.MaxBatchSize < 1) failures.Add($"{S}:MaxBatchSize must be at least 1.");
        RequirePositive(failures, $"{S}:RequestTimeout", options.RequestTimeout);
        if (options.MaxPending < options.MaxBatchSize) failures.Add($"{S}:MaxPending must be at least {S}:MaxBatchSize.");
        RequirePositive(failures, $"{S}:WakeInterval", options.WakeInterval);
        if (options.MaxRefusals < 1) failures.Add($"{S}:MaxRefusals must be at least 1.");
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Endpoints.Count; i++)
        {
            var endpoint = options.Endpoints[i];
            var at = $"{S}:Endpoints:{i}";
            if (!Uri.TryCreate(endpoint.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                failures.Add($"{at}:Url must be an absolute http(s) URL, not '{endpoint.Url}'.");
            if (endpoint.Format == WebhookFormat.Segment)
            {
                if (string.IsNullOrEmpty(endpoint.WriteKey))
                    failures.Add($"{at}:WriteKey is required for the Segment format (sent in HTTP Basic, as Segment's clients do).");
            }
            else if (string.IsNullOrEmpty(endpoint.Secret))
            {
                failures.Add($"{at}:Secret is required (receivers verify the signature with it).");
            }
            if (!keys.Add(endpoint.Key)) failures.Add($"{at}:Name '{endpoint.Key}' is used by another endpoint; give each a distinct Name.");
        }
    }
}
