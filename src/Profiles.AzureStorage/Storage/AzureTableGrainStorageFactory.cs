using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Profiles.AzureStorage.Providers;

namespace Profiles.AzureStorage.Storage;

/// <summary>Creates the named <see cref="AzureTableGrainStorage"/> instances registered with <c>AddGrainStorage</c>.</summary>
public static class AzureTableGrainStorageFactory
{
    /// <summary>Creates the grain storage called <paramref name="name"/> from its named options.</summary>
    public static AzureTableGrainStorage Create(IServiceProvider services, string name)
    {
        var options = services.GetRequiredService<IOptionsMonitor<AzureTableGrainStorageOptions>>().Get(name);
        return ActivatorUtilities.CreateInstance<AzureTableGrainStorage>(services, name, options);
    }
}
