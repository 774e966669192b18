using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Profiles.Domain.Classification;
using Profiles.Grains.Audiences;
using Profiles.Grains.Diagnostics;
using Profiles.Grains.IdentityClaims;
using Profiles.Grains.Realtime;
using Profiles.Grains.Scheduling;
using Profiles.Grains.CustomSegments;
using Profiles.Grains.Statistics;

namespace Profiles.Grains.Hosting;

/// <summary>Registers what the grains need in a silo: the classifier, the clock, the per-silo change relay, statistics and audiences.</summary>
public static class GrainsServiceCollectionExtensions
{
    public static IServiceCollection AddProfilesGrains(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        // Classification time is the system clock unless a test or replay registers its own ProfileClock first.
        services.TryAddSingleton(sp => new ProfileClock(sp.GetRequiredService<TimeProvider>()));
        services.AddMetrics();
        services.TryAddSingleton<ProfilesMetrics>();
        services.AddValidatedOptions<ClassificationOptions, ClassificationOptionsValidator>(ClassificationOptions.Section);
        services.AddValidatedOptions<ChangeRelayOptions, ChangeRelayOptionsValidator>(ChangeRelayOptions.Section);
        services.AddValidatedOptions<IdentityOptions, IdentityOptionsValidator>(IdentityOptions.Section);
        services.AddSingleton(sp => new ProfileClassifier(sp.GetRequiredService<IOptions<ClassificationOptions>>().Value));
        services.AddProfilesPlaybook();
        services.AddSingleton<ChangeRelay>();
        services.AddSingleton<IProfileChangePublisher>(sp => sp.GetRequiredService<ChangeRelay>());
        services.AddHostedService(sp => sp.GetRequiredService<ChangeRelay>());
        services.AddProfilesStatistics();
        services.AddSingleton<WakeBatcher>();
        services.AddSingleton<Webhooks.WebhookOutboxes>();
        services.AddSingleton<Privacy.CustomerErasure>();
        services.AddSingleton<Customers.CustomerGrain.Dependencies>();
        services.AddHostedService<WakeTicker>();
        services.AddProfilesAudiences();
        return services;
    }

    /// <summary>
    /// Audiences (<c>Profiles:Audiences</c>): the per-silo batcher that hands customers' listings to the membership index,
    /// and the follower that keeps this silo classifying with the runtime custom segments of the catalog.
    /// </summary>
    public static IServiceCollection AddProfilesAudiences(this IServiceCollection services)
    {
        services.AddValidatedOptions<AudienceOptions, AudienceOptionsValidator>(AudienceOptions.Section);
        services.AddSingleton<AudienceIndexer>();
        services.AddSingleton<CustomSegmentCatalogFollower>();
        services.AddHostedService(sp => sp.GetRequiredService<CustomSegmentCatalogFollower>());
        return services;
    }

    /// <summary>Population statistics: the per-silo accumulator and the classifier of the latest breakpoints (<c>Profiles:Statistics</c>).</summary>
    public static IServiceCollection AddProfilesStatistics(this IServiceCollection services)
    {
        services.AddValidatedOptions<StatisticsOptions, StatisticsOptionsValidator>(StatisticsOptions.Section);
        services.AddSingleton<ClassifierSource>();
        services.AddHostedService(sp => sp.GetRequiredService<ClassifierSource>());
        services.AddSingleton<StatisticsAccumulator>();
        services.AddHostedService(sp => sp.GetRequiredService<StatisticsAccumulator>());
        return services;
    }
}
