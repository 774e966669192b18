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
        RequirePositive(failures, $"{S}:MaxQueueWait", options.MaxQueueWait, maxMinutes: 1);
        RequirePositive(failures, $"{S}:BodyTimeout", options.BodyTimeout, maxMinutes: 10);
        if (options.RetryAfterSeconds < 1) failures.Add($"{S}:RetryAfterSeconds must be 1 or more.");
        if (options.MaxRetryAfterSeconds < options.RetryAfterSeconds)
            failures.Add($"{S}:MaxRetryAfterSeconds ({options.MaxRetryAfterSeconds}) must be at least {S}:RetryAfterSeconds ({options.RetryAfterSeconds}).");
    }
}
