using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;

namespace Profiles.AzureStorage.Tests.Infrastructure;

/// <summary>The registration surface of a silo over a plain service collection, to build a provider without a silo.</summary>
internal sealed class TestSiloBuilder(IServiceCollection services) : ISiloBuilder
{
    public IServiceCollection Services { get; } = services;

    public IConfiguration Configuration { get; } = new ConfigurationBuilder().Build();
}
