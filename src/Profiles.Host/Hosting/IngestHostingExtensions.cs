using Microsoft.Extensions.Options;
using Profiles.Domain.Ingest;
using Profiles.Grains.Hosting;
using Profiles.Host.Apis;

namespace Profiles.Host.Hosting;

/// <summary>Wires the ingest pipeline and its validated settings (<c>Profiles:Ingest</c>).</summary>
public static class IngestHostingExtensions
{
    public const string Section = "Profiles:Ingest";

    public static WebApplicationBuilder AddProfilesIngest(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidatedOptions<IngestOptions, IngestOptionsValidator>(Section);
        builder.Services.AddSingleton(sp => new SegmentIngestion(sp.GetRequiredService<IOptions<IngestOptions>>().Value));
        builder.Services.AddValidatedOptions<IngestAdmissionOptions, IngestAdmissionOptionsValidator>(Section);
        builder.Services.AddSingleton<IngestAdmission>();
        builder.Services.AddValidatedOptions<WriteKeyQuotaOptions, WriteKeyQuotaOptionsValidator>(WriteKeyQuotaOptions.Section);
        builder.Services.AddSingleton<WriteKeyQuota>();
        builder.Services.AddSingleton<Profiles.Host.IdentityRouting.IdentityResolver>();
        // Erasures on this silo drop the erased customer's identities from this cache at once.
        builder.Services.AddSingleton<Profiles.Grains.Privacy.IErasureListener>(sp => sp.GetRequiredService<Profiles.Host.IdentityRouting.IdentityResolver>());
        // Erasures anywhere in the cluster, for sure: the erasure log, followed by every silo.
        builder.Services.AddHostedService<Profiles.Host.IdentityRouting.ErasureLogFollower>();
        builder.Services.AddSingleton<IngestPipeline>();
        return builder;
    }
}
