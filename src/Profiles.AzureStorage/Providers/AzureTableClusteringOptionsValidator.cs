using Orleans.Runtime;

namespace Profiles.AzureStorage.Providers;

/// <summary>Start-up check of <see cref="AzureTableClusteringOptions"/>.</summary>
public sealed class AzureTableClusteringOptionsValidator(AzureTableClusteringOptions options) : IConfigurationValidator
{
    /// <inheritdoc />
    public void ValidateConfiguration() =>
        AzureTableConnectionValidation.Validate(options, "Azure Table clustering");
}
