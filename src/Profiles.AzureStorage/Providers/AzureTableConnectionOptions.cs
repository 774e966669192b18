using Azure.Data.Tables;

namespace Profiles.AzureStorage.Providers;

/// <summary>
/// How a provider reaches the Azure Table service: a connection string, or a factory for a
/// <see cref="TableServiceClient"/> (managed identity, custom retry policy, ...).
/// </summary>
public abstract class AzureTableConnectionOptions
{
    /// <summary>
    /// Storage account connection string, e.g. <c>UseDevelopmentStorage=true</c> or an account key string.
    /// Ignored when <see cref="TableServiceClientFactory"/> is set.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Creates the <see cref="TableServiceClient"/> to use; takes precedence over <see cref="ConnectionString"/> and
    /// the retry settings below (the factory chooses its own client options). Called once per provider instance.
    /// </summary>
    public Func<TableServiceClient>? TableServiceClientFactory { get; set; }

    /// <summary>Name of the table the provider reads and writes.</summary>
    public abstract string TableName { get; set; }

    /// <summary>
    /// How long one request to the Table service may take before it counts as failed and is retried (default 5 s; the SDK's
    /// own default is 100 s). A table operation normally answers in milliseconds; a storage that accepts connections but
    /// does not answer must fail fast enough for callers to get a 503 rather than hang.
    /// </summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Retries of a failed request (refused connection, timeout, 408, 429, 5xx) before the error reaches the grain
    /// (default 3). Together with the delays and <see cref="NetworkTimeout"/> this bounds how long one storage call can
    /// take: at most (<see cref="MaxRetries"/> + 1) × <see cref="NetworkTimeout"/> plus the delays — about 21 s with the
    /// defaults, and about 1.5 s when the storage refuses connections.
    /// </summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry delay, doubled for each further retry, with jitter (default 0.2 s; the SDK's is 0.8 s).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest retry delay (default 2 s; the SDK's is 1 min).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Creates the service client from <see cref="TableServiceClientFactory"/> or <see cref="ConnectionString"/>.</summary>
    internal TableServiceClient CreateServiceClient()
    {
        if (TableServiceClientFactory is { } factory)
        {
            return factory() ?? throw new InvalidOperationException($"{GetType().Name}.{nameof(TableServiceClientFactory)} returned null.");
        }

        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new InvalidOperationException($"{GetType().Name}.{nameof(ConnectionString)} or {nameof(TableServiceClientFactory)} must be set.");
        }

        return new TableServiceClient(ConnectionString, CreateClientOptions());
    }

    /// <summary>The SDK options these settings describe: exponential retries and the network timeout.</summary>
    public TableClientOptions CreateClientOptions()
    {
        var options = new TableClientOptions();
        options.Retry.Mode = Azure.Core.RetryMode.Exponential;
        options.Retry.MaxRetries = MaxRetries;
        options.Retry.Delay = RetryDelay;
        options.Retry.MaxDelay = MaxRetryDelay;
        options.Retry.NetworkTimeout = NetworkTimeout;
        return options;
    }
}
