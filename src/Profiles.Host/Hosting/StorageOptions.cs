namespace Profiles.Host.Hosting;

/// <summary>Settings under <c>Profiles:Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Profiles:Storage";

    /// <summary><c>Memory</c> (default) or <c>AzureTable</c>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Memory;

    /// <summary>The storage account for <c>AzureTable</c>.</summary>
    public string? ConnectionString { get; set; }

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

    /// <summary>Throws naming the first bad setting.</summary>
    public void Validate()
    {
        if (Provider == StorageProvider.AzureTable && string.IsNullOrWhiteSpace(ConnectionString))
            throw new InvalidOperationException($"{Section}:ConnectionString is required when {Section}:Provider is AzureTable.");
        if (NetworkTimeout <= TimeSpan.Zero || NetworkTimeout > TimeSpan.FromMinutes(5))
            throw new InvalidOperationException($"{Section}:NetworkTimeout must be more than zero and at most 5 minutes, not {NetworkTimeout}.");
        if (MaxRetries is < 0 or > 20)
            throw new InvalidOperationException($"{Section}:MaxRetries must be 0 to 20, not {MaxRetries}.");
        if (RetryDelay < TimeSpan.Zero || MaxRetryDelay < RetryDelay)
            throw new InvalidOperationException($"{Section}:RetryDelay ({RetryDelay}) must be zero or more and at most {Section}:MaxRetryDelay ({MaxRetryDelay}).");
    }

    /// <summary>Copies the Azure Table client settings (timeout and retries) onto a provider's options.</summary>
    public void ApplyClientSettings(Profiles.AzureStorage.Providers.AzureTableConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.NetworkTimeout = NetworkTimeout;
        options.MaxRetries = MaxRetries;
        options.RetryDelay = RetryDelay;
        options.MaxRetryDelay = MaxRetryDelay;
    }
}
