namespace Profiles.Host.Apis;

/// <summary>One further class of an intersection (<c>and=&lt;dimension&gt;:&lt;class&gt;</c>).</summary>
public sealed record AudienceClassResponse(string Dimension, string Class);
