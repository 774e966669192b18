using Profiles.Grains.Hosting;
using Profiles.Host.Hosting;

namespace Profiles.Host.Apis;

/// <summary>Refuses ingest admission settings (<c>Profiles:Ingest</c>: slots, queue, waits) out of range, naming each bad key.</summary>
public sealed class IngestAdmissionOptionsValidator : OptionsValidator<IngestAdmissionOptions>
{
    /// <inheritdoc />
    protected override void Check(IngestAdmissionOptions options, List<string> failures)
    {
        const string S = IngestHostingExtensions.Section;
        if (options.MaxConcurrentRequests < 1) failures.Add($"{S}:MaxConcurrentRequests must be 1 or more.");
        if (options.MaxQueuedRequests < 0) failures.Add($"{S}:MaxQueuedRequests must be 0 or more.");
        if (options.MaxQueueWait <= TimeSpan.Zero || options.MaxQueueWait > TimeSpan.FromMinutes(1))
            failures.Add($"{S}:MaxQueueWait must be more than zero and at most 1 minute, not {options.MaxQueueWait}.");
        if (options.BodyTimeout <= TimeSpan.Zero || options.BodyTimeout > TimeSpan.FromMinutes(10))
            failures.Add($"{S}:BodyTimeout must be more than zero and at most 10 minutes, not {options.BodyTimeout}.");
        if (options.RetryAfterSeconds < 1) failures.Add($"{S}:RetryAfterSeconds must be 1 or more.");
        if (options.MaxRetryAfterSeconds < options.RetryAfterSeconds)
            failures.Add($"{S}:MaxRetryAfterSeconds ({options.MaxRetryAfterSeconds}) must be at least {S}:RetryAfterSeconds ({options.RetryAfterSeconds}).");
    }
}
