namespace Profiles.Domain.Events;

/// <summary>Clickstream: a page or screen view, a product interaction or any other tracked event.</summary>
[GenerateSerializer, Immutable]
public sealed record EngagementRecorded : CustomerEvent
{
    [Id(0)] public required EngagementKind Engagement { get; init; }

    /// <summary>The page or screen name, or the track event name.</summary>
    [Id(1)] public string? Name { get; init; }

    /// <summary>The client's session id when it sent one (<c>context.sessionId</c> or <c>properties.session_id</c>).</summary>
    [Id(2)] public string? SessionId { get; init; }

    public override string Kind => Engagement switch
    {
        EngagementKind.Page => "page",
        EngagementKind.Screen => "screen",
        _ => Name ?? "track",
    };

    public override string Describe() => Engagement switch
    {
        EngagementKind.Page => $"viewed page {Name ?? "(unnamed)"}",
        EngagementKind.Screen => $"viewed screen {Name ?? "(unnamed)"}",
        _ => Name ?? "tracked event",
    };
}
