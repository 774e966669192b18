using Profiles.Testing.Azurite;

namespace Profiles.AzureStorage.Tests;

/// <summary>All Azurite-backed test classes share one Azurite; each uses its own table names and cluster ids.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
