namespace Profiles.Host.Dashboard;

/// <summary>What the presented API key may do: its role, so a page can say at once that it needs another one.</summary>
public sealed record SessionResponse(string Role);
