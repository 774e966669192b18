using System.Collections.Immutable;
using Profiles.Abstractions.Realtime;
using Profiles.Domain.Profiles;

namespace Profiles.Grains.Realtime;

/// <summary>
/// A consumer in this silo of the change batches the <see cref="ChangeRelay"/> gathers from this silo's customers
/// (each change reaches the consumers of exactly one silo). Must not block: queue and return.
/// </summary>
public interface IChangeConsumer
{
    void Consume(ImmutableArray<ClassChange> changes);

    /// <summary>An erased customer, after every change of it consumed before. Must not block either.</summary>
    void ConsumeRemoval(ProfileRemoval removal);
}
