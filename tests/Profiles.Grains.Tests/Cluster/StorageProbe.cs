using System.Collections.Concurrent;

namespace Profiles.Grains.Tests.Cluster;

/// <summary>
/// What the tests see of and do to the silo's profile storage, per grain: how many writes were attempted, writes held
/// until released, and writes that fail as if the storage account were down.
/// </summary>
public sealed class StorageProbe
{
    private readonly ConcurrentDictionary<GrainId, int> _writes = new();
    private readonly ConcurrentDictionary<GrainId, bool> _failing = new();
    private readonly ConcurrentDictionary<GrainId, WriteHold> _holds = new();

    /// <summary>
    /// How many times the grain wrote its own state (a customer: its row, not its history chunks), failed attempts
    /// included.
    /// </summary>
    public int WritesOf(GrainId grain) => _writes.GetValueOrDefault(grain);

    /// <summary>Every write of the grain fails from now on, until <see cref="RecoverWritesOf"/>.</summary>
    public void FailWritesOf(GrainId grain) => _failing[grain] = true;

    public void RecoverWritesOf(GrainId grain) => _failing.TryRemove(grain, out _);

    /// <summary>Writes of the grain wait until the returned hold is released.</summary>
    public WriteHold HoldWritesOf(GrainId grain) => _holds[grain] = new WriteHold();

    internal async Task BeforeWriteAsync(GrainId grain, string stateName)
    {
        if (!stateName.StartsWith("history.", StringComparison.Ordinal)) _writes.AddOrUpdate(grain, 1, (_, count) => count + 1);
        if (_holds.TryGetValue(grain, out var hold)) await hold.EnterAsync();
        if (_failing.ContainsKey(grain)) throw new IOException($"Test storage is down for {grain}.");
    }
}
