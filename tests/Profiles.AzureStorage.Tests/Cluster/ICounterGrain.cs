namespace Profiles.AzureStorage.Tests.Cluster;

/// <summary>A tiny grain whose count is persisted with the Azure Table grain storage.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Adds to the count and persists it before returning.</summary>
    Task<int> AddAsync(int amount);

    /// <summary>The count held by this activation (as read from storage when it started, plus its own additions).</summary>
    Task<int> GetAsync();

    /// <summary>Deactivates this activation once the call returns, so the next call reads the state from storage again.</summary>
    Task DeactivateAsync();
}
