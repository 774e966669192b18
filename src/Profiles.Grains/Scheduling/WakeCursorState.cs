namespace Profiles.Grains.Scheduling;

/// <summary>The last bucket the cursor fired.</summary>
[GenerateSerializer]
public sealed class WakeCursorState
{
    [Id(0)] public long? LastFired { get; set; }
}
