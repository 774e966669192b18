namespace Profiles.Host.OpenApi;

/// <summary>
/// Marks an endpoint that checks a write key itself (the ingest API: HTTP Basic, or <c>writeKey</c> in the body), for the
/// API reference; endpoints behind an authorization policy are described from the policy.
/// </summary>
public sealed class WriteKeyRequired
{
    public static readonly WriteKeyRequired Instance = new();

    private WriteKeyRequired() { }
}
