using Profiles.Abstractions.Grains;

namespace Profiles.Grains.IdentityClaims;

/// <summary>The durable state of one identity: the customer it resolved to, and whether its profile was merged into it.</summary>
[GenerateSerializer]
public sealed class IdentityRecord
{
    [Id(0)] public string? CustomerId { get; set; }

    [Id(1)] public bool Merged { get; set; }

    /// <summary>How the claim was made (what the profile's merge is allowed to be); null in records stored before it, read as an alias.</summary>
    [Id(2)] public LinkKind? Kind { get; set; }
}
