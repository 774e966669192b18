namespace Profiles.Host.Hosting;

/// <summary>Settings under <c>Profiles:Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Profiles:Storage";

    /// <summary><c>Memory</c> (default) or <c>AzureTable</c>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Memory;

    /// <summary>The storage account for <c>AzureTable</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Throws naming the first bad setting.</summary>
    public void Validate()
    {
        if (Provider == StorageProvider.AzureTable && string.IsNullOrWhiteSpace(ConnectionString))
            throw new InvalidOperationException($"{Section}:ConnectionString is required when {Section}:Provider is AzureTable.");
    }
}
