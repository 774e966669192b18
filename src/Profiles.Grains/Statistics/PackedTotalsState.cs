namespace Profiles.Grains.Statistics;

/// <summary>
/// A part of the population totals the statistics grain stores in a row of its own, packed (the purchase cells, the
/// clusters' grid): together with the rest they would outgrow one Azure Table row (about 1 MB) at a million customers.
/// The part keeps its own last batch per sender, so that a batch is added to it exactly once even when another row's
/// write failed and the batch is sent again.
/// </summary>
[GenerateSerializer]
public sealed class PackedTotalsState
{
    /// <summary>The part's totals, packed; null before anything was added to it.</summary>
    [Id(0)] public byte[]? Packed { get; set; }

    /// <summary>Sender (one per silo run) → the sequence number of its last batch added to this part.</summary>
    [Id(1)] public Dictionary<string, long> Senders { get; set; } = new(StringComparer.Ordinal);
}
