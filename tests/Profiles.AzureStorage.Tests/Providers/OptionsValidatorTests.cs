using Azure.Data.Tables;
using Orleans.Runtime;
using Profiles.AzureStorage.Providers;

namespace Profiles.AzureStorage.Tests.Providers;

public sealed class OptionsValidatorTests
{
    [Fact]
    public void MissingConnectionStringIsNamedInTheError()
    {
        var validator = new AzureTableGrainStorageOptionsValidator(new AzureTableGrainStorageOptions(), "profiles");

        var error = Assert.Throws<OrleansConfigurationException>(validator.ValidateConfiguration);

        Assert.Contains("AzureTableGrainStorageOptions.ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains("'profiles'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedConnectionStringIsRefusedWithoutEchoingIt()
    {
        var options = new AzureTableClusteringOptions { ConnectionString = "AccountKey=secret-value;nonsense" };

        var error = Assert.Throws<OrleansConfigurationException>(new AzureTableClusteringOptionsValidator(options).ValidateConfiguration);

        Assert.Contains("AzureTableClusteringOptions.ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidTableNameIsNamedInTheError()
    {
        var options = new AzureTableClusteringOptions { ConnectionString = "UseDevelopmentStorage=true", TableName = "bad-name" };

        var error = Assert.Throws<OrleansConfigurationException>(new AzureTableClusteringOptionsValidator(options).ValidateConfiguration);

        Assert.Contains("AzureTableClusteringOptions.TableName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClientFactoryIsEnoughWithoutConnectionString()
    {
        var options = new AzureTableGrainStorageOptions { TableServiceClientFactory = () => new TableServiceClient("UseDevelopmentStorage=true") };

        new AzureTableGrainStorageOptionsValidator(options, "profiles").ValidateConfiguration();
    }

    [Fact]
    public void DefaultsMatchTheOfficialProviders()
    {
        var storage = new AzureTableGrainStorageOptions();

        Assert.Equal("OrleansGrainState", storage.TableName);
        Assert.False(storage.DeleteStateOnClear);
        Assert.Equal("OrleansSiloInstances", new AzureTableClusteringOptions().TableName);
    }
}
