using Profiles.Grains.Hosting;

namespace Profiles.Host.Hosting;

/// <summary>Refuses storage settings (<c>Profiles:Storage</c>) without an account or with client settings out of range, naming the key.</summary>
public sealed class StorageOptionsValidator : OptionsValidator<StorageOptions>
{
    /// <inheritdoc />
    protected override void Check(StorageOptions options, List<string> failures)
    {
        var connection = options.Connection();
        if (connection.FindClientProblem(StorageOptions.Section) is { } client) failures.Add(client);
        if (options.Provider == StorageProvider.AzureTable && connection.FindAccountProblem(StorageOptions.Section) is { } account)
            failures.Add(account);
    }
}
