namespace Profiles.Browser.Tests.Infrastructure;

/// <summary>The keys the browser tests' host is configured with.</summary>
public static class TestKeys
{
    public const string Write = "browser-write-key";
    public const string Agent = "browser-agent-key";
    public const string Ops = "browser-ops-key";
    public const string Admin = "browser-admin-key";
}
