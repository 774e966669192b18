using Microsoft.Extensions.Logging;
using Profiles.Abstractions.Grains;
using Profiles.Abstractions.CustomSegments;
using Profiles.Grains.Hosting;

namespace Profiles.Grains.CustomSegments;

/// <summary>
/// The runtime custom segment catalog (key 0), stored in the profile storage: definitions with their generations, and
/// the walks over every known customer that each definition and removal starts. Names are unique whatever their case.
/// </summary>
[GrainType("segmentcatalog")] // The grain type of its name before the rename: its stored rows keep their keys.
public sealed partial class CustomSegmentCatalogGrain(
    [PersistentState("segments", StorageNames.Profiles)] IPersistentState<CustomSegmentCatalogState> state,
    ProfileClock time,
    ILogger<CustomSegmentCatalogGrain> logger) : Grain, ICustomSegmentCatalogGrain
{
    private CustomSegmentCatalogState State => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Walks stopped by a restart go on; not awaited, so that a walk calling back here never waits for this activation.
        foreach (var walk in State.Walks) _ = StartAsync(walk);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<CustomSegmentCatalogView> GetAsync() =>
        Task.FromResult(new CustomSegmentCatalogView(State.Version, [.. State.Segments], [.. State.Walks]));

    /// <inheritdoc />
    public async Task<CustomSegmentDefinitionResult> DefineAsync(string name, string condition, int maxSegments)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(condition);
        var index = State.Segments.FindIndex(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
        if (index >= 0 && State.Segments[index].Condition == condition) return new CustomSegmentDefinitionResult(CustomSegmentDefinitionOutcome.Unchanged, State.Segments[index]);
        if (index < 0 && State.Segments.Count >= maxSegments) return new CustomSegmentDefinitionResult(CustomSegmentDefinitionOutcome.LimitReached, null);

        var version = State.Version + 1;
        // A redefinition keeps the name as first written: its dimension (segment:<name>) stays the same.
        var segment = new RuntimeCustomSegment(index >= 0 ? State.Segments[index].Name : name, condition, version, time.GetUtcNow());
        if (index >= 0) State.Segments[index] = segment;
        else State.Segments.Add(segment);
        var walk = new CustomSegmentWalk(segment.Name, version, Removal: false, CatalogVersion: version);
        State.Walks.Add(walk);
        State.Version = version;
        await WriteAsync();
        await StartAsync(walk);
        LogDefined(segment.Name, version);
        return new CustomSegmentDefinitionResult(index >= 0 ? CustomSegmentDefinitionOutcome.Updated : CustomSegmentDefinitionOutcome.Created, segment);
    }

    /// <inheritdoc />
    public async Task<RuntimeCustomSegment?> RemoveAsync(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var index = State.Segments.FindIndex(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
        if (index < 0) return null;
        var removed = State.Segments[index];
        var version = State.Version + 1;
        State.Segments.RemoveAt(index);
        // Customers drop the segment's class on their next classification; this walk makes that every known customer's next.
        var walk = new CustomSegmentWalk(removed.Name, version, Removal: true, CatalogVersion: version);
        State.Walks.Add(walk);
        State.Version = version;
        await WriteAsync();
        await StartAsync(walk);
        LogRemoved(removed.Name, version);
        return removed;
    }

    /// <inheritdoc />
    public async Task WalkDoneAsync(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (State.Walks.RemoveAll(w => w.Key == key) == 0) return;
        await WriteAsync();
    }

    private async Task WriteAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not stored: reload rather than serve a definition the caller was told failed.
            DeactivateOnIdle();
            throw;
        }
    }

    private async Task StartAsync(CustomSegmentWalk walk)
    {
        try
        {
            await GrainFactory.GetGrain<ICustomSegmentBackfillGrain>(walk.Key).StartAsync(walk);
        }
        catch (Exception e)
        {
            // Stored as running: every silo's catalog follower nudges it again within seconds.
            LogWalkNotStarted(e, walk.Key);
        }
    }

    /// <summary>Whether <paramref name="walk"/> has been overtaken: its segment was defined again or removed since.</summary>
    public static bool Supersedes(CustomSegmentCatalogView catalog, CustomSegmentWalk walk)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(walk);
        var current = catalog.Segments.FirstOrDefault(s => string.Equals(s.Name, walk.Segment, StringComparison.OrdinalIgnoreCase));
        return walk.Removal ? current is not null : current?.Generation != walk.Generation;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Runtime custom segment {Segment} defined (catalog version {Version}); backfill started")]
    private partial void LogDefined(string segment, long version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Runtime custom segment {Segment} removed (catalog version {Version}); every customer is walked to drop it")]
    private partial void LogRemoved(string segment, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not start segment walk {Walk}; it is nudged again")]
    private partial void LogWalkNotStarted(Exception exception, string walk);
}
