using Orleans.Configuration;
using Profiles.Domain.Classification;
using Profiles.Domain.Ingest;
using Profiles.Grains.Realtime;
using Profiles.Grains.Statistics;
using Profiles.Host.Auth;

namespace Profiles.Host.Hosting;

/// <summary>
/// Every configuration section the host binds, and the settings class it binds it to. Deployment tests check each
/// key that the container and Kubernetes manifests set against this list, so a misspelled key fails the build instead
/// of being ignored in production: add a section here when you bind a new one.
/// </summary>
public static class BoundSettings
{
    public static IReadOnlyList<(string Section, Type Settings)> Sections { get; } =
    [
        (AuthOptions.Section, typeof(AuthOptions)),
        (ClusteringOptions.Section, typeof(ClusteringOptions)),
        ($"{ClusteringOptions.Section}:Membership", typeof(ClusterMembershipOptions)),
        (StorageOptions.Section, typeof(StorageOptions)),
        (IngestHostingExtensions.Section, typeof(IngestOptions)),
        (IngestHostingExtensions.Section, typeof(Profiles.Host.Apis.IngestAdmissionOptions)),
        (Profiles.Host.Apis.WriteKeyQuotaOptions.Section, typeof(Profiles.Host.Apis.WriteKeyQuotaOptions)),
        (ClassificationOptions.Section, typeof(ClassificationOptions)),
        (ChangeRelayOptions.Section, typeof(ChangeRelayOptions)),
        (Profiles.Grains.IdentityClaims.IdentityOptions.Section, typeof(Profiles.Grains.IdentityClaims.IdentityOptions)),
        (Profiles.Grains.Playbooks.PlaybookOptions.Section, typeof(Profiles.Grains.Playbooks.PlaybookOptions)),
        (StatisticsOptions.Section, typeof(StatisticsOptions)),
        (OperationsOptions.Section, typeof(OperationsOptions)),
        (Profiles.Grains.Webhooks.WebhookOptions.Section, typeof(Profiles.Grains.Webhooks.WebhookOptions)),
        (Profiles.Grains.Audiences.AudienceOptions.Section, typeof(Profiles.Grains.Audiences.AudienceOptions)),
    ];
}
