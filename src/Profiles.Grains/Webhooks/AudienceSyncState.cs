namespace Profiles.Grains.Webhooks;

/// <summary>
/// How far a Segment-format endpoint's first sync is: it walks the membership index shard by shard and enters every
/// current member of the audiences the endpoint selects in the outbox, before and between the live changes.
/// </summary>
[GenerateSerializer]
public sealed class AudienceSyncState
{
    /// <summary>The index shard being read.</summary>
    [Id(0)] public int Shard { get; set; }

    /// <summary>The last customer id read in that shard; null at its start.</summary>
    [Id(1)] public string? After { get; set; }

    /// <summary>Every shard was read: from now on only changes go out.</summary>
    [Id(2)] public bool Done { get; set; }

    /// <summary>Memberships entered in the outbox by the sync.</summary>
    [Id(3)] public long Memberships { get; set; }

    [Id(4)] public DateTimeOffset? StartedAt { get; set; }
}
