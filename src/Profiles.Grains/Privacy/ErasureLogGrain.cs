using System.Collections.Immutable;
using Profiles.Abstractions.Grains;

namespace Profiles.Grains.Privacy;

/// <summary>
/// The erasure log (<see cref="IErasureLogGrain"/>): bounded to the latest <see cref="Capacity"/> marks, 4 bytes each,
/// so its row stays small; a reader behind by more than that is told of the gap.
/// </summary>
public sealed class ErasureLogGrain([PersistentState("erasures", StorageNames.Profiles)] IPersistentState<ErasureLogState> state)
    : Grain, IErasureLogGrain
{
    /// <summary>Marks kept: with silos reading every few seconds, that many erasures in a few seconds before one misses any.</summary>
    public const int Capacity = 16_384;

    private long End => state.State.First + state.State.Marks.Count;

    public async Task AppendAsync(uint mark)
    {
        var marks = state.State.Marks;
        marks.Add(mark);
        if (marks.Count > Capacity)
        {
            var over = marks.Count - Capacity;
            marks.RemoveRange(0, over);
            state.State.First += over;
        }
        await state.WriteStateAsync();
    }

    public Task<ErasureLogPage> ReadAsync(long from)
    {
        if (from < 0) return Task.FromResult(new ErasureLogPage(End, false, []));
        var first = state.State.First;
        var marks = state.State.Marks;
        var skip = (int)Math.Min(Math.Max(from, first) - first, marks.Count);
        var page = new ErasureLogPage(End, from < first, [.. marks.Skip(skip)]);
        return Task.FromResult(page);
    }
}
