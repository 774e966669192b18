namespace Profiles.Grains.Privacy;

/// <summary>The latest erasure marks, oldest first; <see cref="First"/> is the position of <c>Marks[0]</c>.</summary>
[GenerateSerializer]
public sealed class ErasureLogState
{
    [Id(0)] public long First { get; set; }

    [Id(1)] public List<uint> Marks { get; set; } = [];
}
