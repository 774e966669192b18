namespace Profiles.Domain.Profiles;

/// <summary>A support ticket as folded from its opening and resolution, in any arrival order.</summary>
[GenerateSerializer]
public sealed class TicketRecord
{
    [Id(0)] public DateTimeOffset? OpenedAt { get; set; }
    [Id(1)] public DateTimeOffset? ResolvedAt { get; set; }
    [Id(2)] public bool SlaBreached { get; set; }

    /// <summary>Records an opening: the earliest one counts, so arrival order does not matter.</summary>
    public void Opened(DateTimeOffset at)
    {
        if (OpenedAt is not { } opened || at < opened) OpenedAt = at;
    }

    /// <summary>Records a resolution: the latest one counts, and a breached SLA stays breached.</summary>
    public void Resolved(DateTimeOffset at, bool slaBreached)
    {
        if (ResolvedAt is not { } resolved || at > resolved) ResolvedAt = at;
        SlaBreached |= slaBreached;
    }

    /// <summary>Open: seen opened and not (yet) seen resolved.</summary>
    public bool IsOpen => OpenedAt is not null && ResolvedAt is null;
}
