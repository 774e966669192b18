using Profiles.Host.Tests.Infrastructure;
using Profiles.Testing.Azurite;

namespace Profiles.Host.Tests.Reliability;

/// <summary>One host storing profiles in Azure Table storage on its own Azurite, shared by the tests of a class.</summary>
public sealed class AzureTableAppFixture : IAsyncLifetime
{
    private AzuriteInstance? _azurite;
    private ProfilesApp? _app;

    public ProfilesApp App => _app ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync();
        _app = new ProfilesApp(settings: new Dictionary<string, string?>
        {
            ["Profiles:Storage:Provider"] = "AzureTable",
            ["Profiles:Storage:ConnectionString"] = _azurite.ConnectionString,
            ["Profiles:Clustering:ServiceId"] = $"reliability-{Guid.NewGuid():N}",
        });
        _ = _app.BaseAddress;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        if (_azurite is not null) await _azurite.DisposeAsync();
    }
}
