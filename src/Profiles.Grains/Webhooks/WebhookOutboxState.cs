using Profiles.Domain.Profiles;

namespace Profiles.Grains.Webhooks;

/// <summary>The changes one endpoint has not acknowledged yet, oldest first.</summary>
[GenerateSerializer]
public sealed class WebhookOutboxState
{
    [Id(0)] public List<ClassChange> Pending { get; set; } = [];

    /// <summary>Changes dropped because the outbox was full, for the log and metrics.</summary>
    [Id(1)] public long Dropped { get; set; }

    /// <summary>Changes given up on because the receiver refused their batch (4xx) every time it was sent.</summary>
    [Id(2)] public long Refused { get; set; }

    /// <summary>A Segment-format endpoint's first sync of current members (null for the other format, and before it began).</summary>
    [Id(3)] public AudienceSyncState? Sync { get; set; }
}
