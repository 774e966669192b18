using System.Collections.Immutable;

namespace Profiles.Abstractions.Audiences;

/// <summary>A page of one shard's members; <see cref="More"/> says whether the shard holds further ones after the last.</summary>
[GenerateSerializer, Immutable]
public sealed record AudiencePage([property: Id(0)] ImmutableArray<AudienceMember> Members, [property: Id(1)] bool More);
