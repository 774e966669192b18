using Orleans;
using Orleans.Runtime;

namespace Profiles.AzureStorage.Tests.Infrastructure;

/// <summary>Runs the start of what subscribed, stage by stage, as a silo does; enough for a provider to initialize.</summary>
internal sealed class TestSiloLifecycle : ISiloLifecycle
{
    private readonly List<(int Stage, ILifecycleObserver Observer)> _observers = [];

    public int HighestCompletedStage { get; private set; }

    public int LowestStoppedStage { get; private set; }

    public IDisposable Subscribe(string observerName, int stage, ILifecycleObserver observer)
    {
        _observers.Add((stage, observer));
        return new Unsubscriber(() => _observers.Remove((stage, observer)));
    }

    public async Task StartAsync()
    {
        foreach (var group in _observers.GroupBy(o => o.Stage).OrderBy(g => g.Key))
        {
            await Task.WhenAll(group.Select(o => o.Observer.OnStart(CancellationToken.None)));
            HighestCompletedStage = group.Key;
        }
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
