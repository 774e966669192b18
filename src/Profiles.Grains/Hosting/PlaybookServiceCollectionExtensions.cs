using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Profiles.Grains.Playbooks;

namespace Profiles.Grains.Hosting;

/// <summary>Registers the reloadable playbook (<c>Profiles:Playbook:Path</c>), read at start and on every change of the file.</summary>
public static class PlaybookServiceCollectionExtensions
{
    public static IServiceCollection AddProfilesPlaybook(this IServiceCollection services)
    {
        if (services.Any(s => s.ServiceType == typeof(PlaybookProvider))) return services;
        services.AddValidatedOptions<PlaybookOptions, PlaybookOptionsValidator>(PlaybookOptions.Section);
        services.TryAddSingleton(sp => new PlaybookProvider(
            sp.GetRequiredService<IOptions<PlaybookOptions>>(),
            sp.GetRequiredService<ILogger<PlaybookProvider>>(),
            sp.GetService<IHostEnvironment>()));
        services.AddHostedService(sp => sp.GetRequiredService<PlaybookProvider>());
        return services;
    }
}
