using Orleans.Runtime;

namespace Profiles.AzureStorage.Providers;

/// <summary>Start-up check of <see cref="AzureTableGrainStorageOptions"/> for one named provider.</summary>
public sealed class AzureTableGrainStorageOptionsValidator(AzureTableGrainStorageOptions options, string name) : IConfigurationValidator
{
    /// <inheritdoc />
    public void ValidateConfiguration() =>
        AzureTableConnectionValidation.Validate(options, $"Azure Table grain storage '{name}'");
}
