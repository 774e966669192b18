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
    /// Creates the <see cref="TableServiceClient"/> to use; takes precedence over <see cref="ConnectionString"/>.
    /// Called once per provider instance.
    /// </summary>
    public Func<TableServiceClient>? TableServiceClientFactory { get; set; }

    /// <summary>Name of the table the provider reads and writes.</summary>
    public abstract string TableName { get; set; }

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

        return new TableServiceClient(ConnectionString);
    }
}
