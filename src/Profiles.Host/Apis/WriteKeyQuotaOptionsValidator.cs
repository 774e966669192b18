using Microsoft.Extensions.Options;
using Profiles.Domain.Ingest;
using Profiles.Grains.Hosting;
using Profiles.Host.Hosting;

namespace Profiles.Host.Apis;

/// <summary>
/// Refuses per write key quotas (<c>Profiles:Ingest:Quota</c>) that are not positive, or whose bursts are below the
/// largest batch (<c>Profiles:Ingest:MaxBatchEvents</c>) so that a valid request could never pass, naming each bad key.
/// </summary>
public sealed class WriteKeyQuotaOptionsValidator(IOptions<IngestOptions> ingest) : OptionsValidator<WriteKeyQuotaOptions>
{
    /// <inheritdoc />
    protected override void Check(WriteKeyQuotaOptions options, List<string> failures)
    {
        const string S = WriteKeyQuotaOptions.Section;
        const string MaxBatch = $"{IngestHostingExtensions.Section}:MaxBatchEvents";
        var maxBatchEvents = ingest.Value.MaxBatchEvents;
        if (options.EventsPerSecond < 1) failures.Add($"{S}:EventsPerSecond must be 1 or more.");
        if (options.EventBurst < maxBatchEvents)
            failures.Add($"{S}:EventBurst ({options.EventBurst}) must be at least {MaxBatch} ({maxBatchEvents}), or a full batch could never pass.");
        if (options.NewCustomersPerSecond < 1) failures.Add($"{S}:NewCustomersPerSecond must be 1 or more.");
        if (options.NewCustomerBurst < maxBatchEvents)
            failures.Add($"{S}:NewCustomerBurst ({options.NewCustomerBurst}) must be at least {MaxBatch} ({maxBatchEvents}), or a batch of new customers could never pass.");
    }
}
