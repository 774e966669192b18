namespace Profiles.Grains.Identities;

/// <summary>Who has an e-mail address, and since when.</summary>
[GenerateSerializer]
public sealed class EmailDirectoryState
{
    [Id(0)] public string? CustomerId { get; set; }
    [Id(1)] public DateTimeOffset At { get; set; }
}
