namespace Profiles.Grains.Audiences;

/// <summary>One page of a membership index shard's customers, packed (see <see cref="ShardIndex"/>).</summary>
[GenerateSerializer]
public sealed class AudienceShardPage
{
    [Id(0)] public byte[] Members { get; set; } = [];
}
