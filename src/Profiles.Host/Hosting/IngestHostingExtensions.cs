using Microsoft.Extensions.Options;
using Profiles.Domain.Segment;
using Profiles.Host.Apis;

namespace Profiles.Host.Hosting;

/// <summary>Wires the ingest pipeline and its validated settings (<c>Profiles:Ingest</c>).</summary>
public static class IngestHostingExtensions
{
    public const string Section = "Profiles:Ingest";

    public static WebApplicationBuilder AddProfilesIngest(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<IngestOptions>().BindConfiguration(Section)
            .Validate(Validated<IngestOptions>.By(o => o.Validate())).ValidateOnStart();
        builder.Services.AddSingleton(sp => new SegmentIngestion(sp.GetRequiredService<IOptions<IngestOptions>>().Value));
        builder.Services.AddOptions<IngestAdmissionOptions>().BindConfiguration(Section)
            .Validate(Validated<IngestAdmissionOptions>.By(o => o.Validate())).ValidateOnStart();
        builder.Services.AddSingleton<IngestAdmission>();
        builder.Services.AddOptions<WriteKeyQuotaOptions>().BindConfiguration(Section + ":Quota")
            .Validate<IOptions<IngestOptions>>((o, ingest) => Validated<WriteKeyQuotaOptions>.By(q => q.Validate(ingest.Value.MaxBatchEvents))(o))
            .ValidateOnStart();
        builder.Services.AddSingleton<WriteKeyQuota>();
        builder.Services.AddSingleton<Profiles.Host.Identities.IdentityResolver>();
        // Erasures on this silo drop the erased customer's identities from this cache at once.
        builder.Services.AddSingleton<Profiles.Grains.Privacy.IErasureListener>(sp => sp.GetRequiredService<Profiles.Host.Identities.IdentityResolver>());
        // Erasures anywhere in the cluster, for sure: the erasure log, followed by every silo.
        builder.Services.AddHostedService<Profiles.Host.Identities.ErasureLogFollower>();
        builder.Services.AddSingleton<IngestPipeline>();
        return builder;
    }
}
