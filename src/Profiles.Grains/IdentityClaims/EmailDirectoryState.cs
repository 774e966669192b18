namespace Profiles.Grains.IdentityClaims;

/// <summary>
/// The customers who claim an e-mail address (their <c>email</c> trait is it), each with the event time of its claim.
/// Rows written before claims were kept hold one owner in <see cref="CustomerId"/> and <see cref="At"/>; they read as
/// one claim.
/// </summary>
[GenerateSerializer]
public sealed class EmailDirectoryState
{
    [Id(0)] public string? CustomerId { get; set; }
    [Id(1)] public DateTimeOffset At { get; set; }
    [Id(2)] public Dictionary<string, DateTimeOffset>? Claims { get; set; }
}
