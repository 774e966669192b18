using Profiles.Abstractions.Realtime;
using Profiles.Domain.Profiles;

namespace Profiles.Grains.Realtime;

/// <summary>The silo's outlet for class changes: accepts changes that are already durable and fans them out to every silo.</summary>
public interface IProfileChangePublisher
{
    /// <summary>Queues the changes; completes at once unless the queue is full, which is how back-pressure reaches writers.</summary>
    ValueTask PublishAsync(IReadOnlyList<ClassChange> changes, CancellationToken cancellationToken = default);

    /// <summary>Queues the removal of an erased customer, after every change published before it.</summary>
    ValueTask PublishRemovalAsync(ProfileRemoval removal, CancellationToken cancellationToken = default);
}
