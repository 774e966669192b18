using System.Collections.Immutable;
using Profiles.Domain.Profiles;

namespace Profiles.Abstractions.Grains;

/// <summary>One per silo: receives batches of class changes and pushes them to the browsers connected to that silo.</summary>
public interface IProfileChangeObserver : IGrainObserver
{
    /// <summary>Delivers a batch of changes, in the order they were made for each customer.</summary>
    Task OnProfileChangesAsync(ImmutableArray<ClassChange> changes);

    /// <summary>Delivers erased customers, after the changes made for them before.</summary>
    Task OnProfilesRemovedAsync(ImmutableArray<Realtime.ProfileRemoval> removals);
}
