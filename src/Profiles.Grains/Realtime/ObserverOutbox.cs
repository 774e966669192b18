using System.Collections.Immutable;
using System.Threading.Channels;
using Profiles.Abstractions.Grains;
using Profiles.Domain.Profiles;

namespace Profiles.Grains.Realtime;

/// <summary>
/// The batches on their way to one silo's observer, delivered in order by a loop of their own, so that a slow or dead
/// silo delays only itself. When it falls <see cref="Capacity"/> batches behind, its oldest batches are dropped.
/// </summary>
public sealed class ObserverOutbox
{
    /// <summary>Batches that may wait for one observer.</summary>
    public const int Capacity = 256;

    private readonly Channel<ImmutableArray<ClassChange>> _batches = Channel.CreateBounded<ImmutableArray<ClassChange>>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly Task _loop;

    public ObserverOutbox(IProfileChangeObserver observer, Func<IProfileChangeObserver, ImmutableArray<ClassChange>, Task> deliver)
    {
        ArgumentNullException.ThrowIfNull(deliver);
        _loop = Task.Run(async () =>
        {
            await foreach (var batch in _batches.Reader.ReadAllAsync())
            {
                await deliver(observer, batch);
            }
        });
    }

    public void Post(ImmutableArray<ClassChange> batch) => _batches.Writer.TryWrite(batch);

    /// <summary>Stops taking batches; what is queued is still delivered.</summary>
    public Task CompleteAsync()
    {
        _batches.Writer.TryComplete();
        return _loop;
    }
}
