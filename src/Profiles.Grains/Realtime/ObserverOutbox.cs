using System.Threading.Channels;
using Profiles.Abstractions.Grains;

namespace Profiles.Grains.Realtime;

/// <summary>
/// The deliveries (batches of changes, removals) on their way to one silo's observer, made in order by a loop of their
/// own, so that a slow or dead silo delays only itself. When it falls <see cref="Capacity"/> deliveries behind, its
/// oldest are dropped.
/// </summary>
public sealed class ObserverOutbox
{
    /// <summary>Deliveries that may wait for one observer.</summary>
    public const int Capacity = 256;

    private readonly Channel<Func<IProfileChangeObserver, Task>> _deliveries = Channel.CreateBounded<Func<IProfileChangeObserver, Task>>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly Task _loop;

    public ObserverOutbox(IProfileChangeObserver observer)
    {
        _loop = Task.Run(async () =>
        {
            await foreach (var deliver in _deliveries.Reader.ReadAllAsync())
            {
                await deliver(observer);
            }
        });
    }

    /// <summary>Queues a delivery; it runs after every delivery posted before it.</summary>
    public void Post(Func<IProfileChangeObserver, Task> delivery) => _deliveries.Writer.TryWrite(delivery);

    /// <summary>Stops taking deliveries; what is queued is still delivered.</summary>
    public Task CompleteAsync()
    {
        _deliveries.Writer.TryComplete();
        return _loop;
    }
}
