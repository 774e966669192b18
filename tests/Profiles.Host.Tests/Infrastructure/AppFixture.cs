namespace Profiles.Host.Tests.Infrastructure;

/// <summary>One running host shared by the tests of a class.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    public ProfilesApp App { get; } = new();

    public Task InitializeAsync()
    {
        _ = App.BaseAddress;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
