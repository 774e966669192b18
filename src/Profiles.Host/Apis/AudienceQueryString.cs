namespace Profiles.Host.Apis;

/// <summary>The query string of a member listing, as bound (a parameter given twice binds as its values joined by commas).</summary>
public sealed record AudienceQueryString(string? Limit, string? Cursor, IReadOnlyList<string>? And, string? Format, string? Fields);
