namespace Profiles.AzureStorage.Tests;

/// <summary>Unique, valid Azure table names and ids, so tests sharing one Azurite never see each other's rows.</summary>
internal static class TestNames
{
    public static string Table(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 32)];

    public static string Id(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
