using Profiles.AzureStorage.Connection;

namespace Profiles.Host.Hosting;

/// <summary>Settings under <c>Profiles:Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Profiles:Storage";

    /// <summary><c>Memory</c> (default) or <c>AzureTable</c>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Memory;

    /// <summary>The storage account for <c>AzureTable</c>, as a connection string.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The storage account for <c>AzureTable</c>, as its table service URI (<c>https://account.table.core.windows.net</c>),
    /// signed in with <c>DefaultAzureCredential</c> (managed identity in Azure). Used when there is no connection string.
    /// </summary>
    public Uri? ServiceUri { get; set; }

    /// <summary>
    /// How long one Azure Table request may take before it is retried (default 5 s), for grain state and, with
    /// <c>AzureTable</c> clustering, membership: a storage that hangs must not hold requests for the SDK's 100 s.
    /// </summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries of a failed Azure Table request before a grain sees the error (default 3).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry delay, doubled per retry with jitter (default 0.2 s).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest retry delay (default 2 s).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The Azure Table connection these settings describe, with their client settings.</summary>
    public AzureTableConnection Connection() => Connection(ConnectionString, ServiceUri);

    /// <summary>Another account (membership's, say) reached with these client settings.</summary>
    public AzureTableConnection Connection(string? connectionString, Uri? serviceUri) => new()
    {
        ConnectionString = connectionString,
        ServiceUri = serviceUri,
        NetworkTimeout = NetworkTimeout,
        MaxRetries = MaxRetries,
        RetryDelay = RetryDelay,
        MaxRetryDelay = MaxRetryDelay,
    };
}
