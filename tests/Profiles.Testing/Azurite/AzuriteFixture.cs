using Xunit;

namespace Profiles.Testing.Azurite;

/// <summary>
/// xunit fixture with one in-memory Azurite for a test class (<c>IClassFixture&lt;AzuriteFixture&gt;</c>) or a collection
/// (<c>ICollectionFixture&lt;AzuriteFixture&gt;</c>). Tests that stop and restart storage should start their own
/// <see cref="AzuriteInstance"/> with <see cref="AzuriteOptions.PersistToDisk"/> instead of sharing this one.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteInstance? _azurite;

    /// <summary>The running Azurite.</summary>
    public AzuriteInstance Azurite => _azurite ?? throw new InvalidOperationException("The Azurite fixture is not initialized.");

    /// <summary>Connection string of its Table endpoint.</summary>
    public string ConnectionString => Azurite.ConnectionString;

    /// <inheritdoc />
    public async Task InitializeAsync() => _azurite = await AzuriteInstance.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
