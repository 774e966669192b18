namespace Profiles.Domain.Profiles;

/// <summary>A support ticket as merged from its opening and resolution, in any arrival order.</summary>
[GenerateSerializer]
public sealed class TicketRecord
{
    [Id(0)] public DateTimeOffset? OpenedAt { get; set; }
    [Id(1)] public DateTimeOffset? ResolvedAt { get; set; }
    [Id(2)] public bool SlaBreached { get; set; }

    /// <summary>Open: seen opened and not (yet) seen resolved.</summary>
    public bool IsOpen => OpenedAt is not null && ResolvedAt is null;
}
