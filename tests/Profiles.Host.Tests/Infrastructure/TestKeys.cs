namespace Profiles.Host.Tests.Infrastructure;

/// <summary>The keys every test host is configured with.</summary>
public static class TestKeys
{
    public const string Write = "test-write-key";
    public const string Agent = "test-agent-key";
    public const string Ops = "test-ops-key";
    public const string Admin = "test-admin-key";
}
