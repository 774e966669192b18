namespace Profiles.Grains.Customers.Storage;

/// <summary>One history chunk of a customer (grain state <c>history.{n}</c>): checkpointed changes, or part of a snapshot.</summary>
[GenerateSerializer]
public sealed class HistoryChunkRow
{
    [Id(0)] public byte[] Entries { get; set; } = [];
}
