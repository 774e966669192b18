using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Profiles.Domain.Classification;
using Profiles.Grains.Diagnostics;
using Profiles.Grains.Realtime;

namespace Profiles.Grains.Hosting;

/// <summary>Registers what the grains need in a silo: the classifier, the clock and the per-silo change relay.</summary>
public static class GrainsServiceCollectionExtensions
{
    public static IServiceCollection AddProfilesGrains(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<ProfilesMetrics>();
        services.AddOptions<ClassificationOptions>().BindConfiguration("Profiles")
            .Validate(options =>
            {
                options.Validate();
                return true;
            })
            .ValidateOnStart();
        services.AddOptions<ChangeRelayOptions>().BindConfiguration("Profiles:Realtime");
        services.AddSingleton(sp => new ProfileClassifier(sp.GetRequiredService<IOptions<ClassificationOptions>>().Value));
        services.AddProfilesPlaybook();
        services.AddSingleton<ChangeRelay>();
        services.AddSingleton<IProfileChangePublisher>(sp => sp.GetRequiredService<ChangeRelay>());
        services.AddHostedService(sp => sp.GetRequiredService<ChangeRelay>());
        return services;
    }
}
