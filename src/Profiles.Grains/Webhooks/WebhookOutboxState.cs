using Profiles.Domain.Profiles;

namespace Profiles.Grains.Webhooks;

/// <summary>The changes one endpoint has not acknowledged yet, oldest first.</summary>
[GenerateSerializer]
public sealed class WebhookOutboxState
{
    [Id(0)] public List<ClassChange> Pending { get; set; } = [];

    /// <summary>Changes dropped because the outbox was full, for the log and metrics.</summary>
    [Id(1)] public long Dropped { get; set; }
}
