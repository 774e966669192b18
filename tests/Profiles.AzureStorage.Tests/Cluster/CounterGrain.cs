namespace Profiles.AzureStorage.Tests.Cluster;

public sealed class CounterGrain([PersistentState("counter", ClusterTests.StorageName)] IPersistentState<CounterState> state) : Grain, ICounterGrain
{
    public async Task<int> AddAsync(int amount)
    {
        state.State.Count += amount;
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public Task<int> GetAsync() => Task.FromResult(state.State.Count);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
