namespace Profiles.Domain.Events;

/// <summary>Another identity (an earlier user id or an anonymous id) is known to be this customer (<c>alias</c>).</summary>
[GenerateSerializer, Immutable]
public sealed record IdentityLinked : CustomerEvent
{
    [Id(0)] public required string Identity { get; init; }

    public override string Kind => "alias";

    public override string Describe() => $"alias of {Identity}";
}
