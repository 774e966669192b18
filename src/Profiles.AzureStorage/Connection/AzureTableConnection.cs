using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;

namespace Profiles.AzureStorage.Connection;

/// <summary>
/// How Profiles reaches an Azure Table service: a connection string, or the service URI with a token credential
/// (<see cref="DefaultAzureCredential"/> unless another is given: managed identity in Azure, a developer's sign-in
/// elsewhere), and client settings that make a failing storage fail fast.
/// </summary>
/// <remarks>
/// The official providers take a ready <see cref="TableServiceClient"/>; this builds it with our retry and timeout
/// settings, which the SDK defaults (100 s per try, retries up to a minute apart) would otherwise replace by minutes of
/// waiting before a caller learns that storage is down.
/// </remarks>
public sealed class AzureTableConnection
{
    /// <summary>An account connection string (<c>UseDevelopmentStorage=true</c>, an account key string, a SAS string).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The table service endpoint, e.g. <c>https://account.table.core.windows.net</c>; used when there is no connection string.</summary>
    public Uri? ServiceUri { get; set; }

    /// <summary>The credential for <see cref="ServiceUri"/>; <see cref="DefaultAzureCredential"/> when left null.</summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>How long one request may take before it counts as failed and is retried (default 5 s; the SDK's is 100 s).</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Retries of a failed request (refused connection, timeout, 408, 429, 5xx) before the error reaches the caller
    /// (default 3). With the delays and <see cref="NetworkTimeout"/> this bounds one storage call: at most
    /// (retries + 1) × timeout plus the delays, about 21 s with the defaults and about 1.5 s against a refused connection.
    /// </summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry delay, doubled for each further retry, with jitter (default 0.2 s; the SDK's is 0.8 s).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest retry delay (default 2 s; the SDK's is 1 min).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether the account is given: a connection string or a service URI.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString) || ServiceUri is not null;

    /// <summary>How the client authenticates, for logs and errors (never the secret itself).</summary>
    public string Describe() =>
        !string.IsNullOrWhiteSpace(ConnectionString) ? "a connection string"
        : ServiceUri is { } uri ? $"{uri} with {(Credential?.GetType() ?? typeof(DefaultAzureCredential)).Name}"
        : "nothing";

    /// <summary>The SDK options these settings describe: exponential retries and the network timeout.</summary>
    public TableClientOptions CreateClientOptions()
    {
        var options = new TableClientOptions();
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = MaxRetries;
        options.Retry.Delay = RetryDelay;
        options.Retry.MaxDelay = MaxRetryDelay;
        options.Retry.NetworkTimeout = NetworkTimeout;
        return options;
    }

    /// <summary>The service client: from the connection string if there is one, else from the URI and the credential.</summary>
    public TableServiceClient CreateServiceClient() => CreateServiceClient(CreateClientOptions());

    /// <summary>The service client with other client options (a health probe without retries, say).</summary>
    public TableServiceClient CreateServiceClient(TableClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(ConnectionString)) return new TableServiceClient(ConnectionString, options);
        if (ServiceUri is { } uri) return new TableServiceClient(uri, Credential ?? new DefaultAzureCredential(), options);
        throw new InvalidOperationException("An Azure Table connection needs a connection string or a service URI.");
    }

    /// <summary>
    /// The first problem with the account settings (connection string or service URI), naming the key under
    /// <paramref name="section"/> to fix; null when they are fine.
    /// </summary>
    public string? FindAccountProblem(string section)
    {
        if (!IsConfigured)
            return $"{section}:ConnectionString or {section}:ServiceUri is required for Azure Table storage.";
        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            try
            {
                _ = new TableServiceClient(ConnectionString);
            }
            catch (Exception exception) when (exception is FormatException or ArgumentException or InvalidOperationException)
            {
                // The exception text may echo the secret, so only its type is reported.
                return $"{section}:ConnectionString is not a valid Azure Storage connection string ({exception.GetType().Name}).";
            }
        }
        else if (ServiceUri is { IsAbsoluteUri: false } or { Scheme: not ("https" or "http") })
        {
            return $"{section}:ServiceUri '{ServiceUri}' must be an absolute http(s) URI of a table service, e.g. https://account.table.core.windows.net.";
        }

        return null;
    }

    /// <summary>The first problem with the client settings (timeout, retries), naming the key under <paramref name="section"/>; null when they are fine.</summary>
    public string? FindClientProblem(string section)
    {
        if (NetworkTimeout <= TimeSpan.Zero || NetworkTimeout > TimeSpan.FromMinutes(5))
            return $"{section}:NetworkTimeout must be more than zero and at most 5 minutes, not {NetworkTimeout}.";
        if (MaxRetries is < 0 or > 20)
            return $"{section}:MaxRetries must be 0 to 20, not {MaxRetries}.";
        if (RetryDelay < TimeSpan.Zero || MaxRetryDelay < RetryDelay)
            return $"{section}:RetryDelay ({RetryDelay}) must be zero or more and at most {section}:MaxRetryDelay ({MaxRetryDelay}).";
        return null;
    }
}
