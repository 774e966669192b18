using System.Collections.Immutable;

namespace Profiles.Abstractions.Export;

/// <summary>The message ids a customer remembers to recognise retries, oldest first, and how many it keeps.</summary>
[GenerateSerializer, Immutable]
public sealed record AppliedMessagesExport([property: Id(0)] int Capacity, [property: Id(1)] ImmutableArray<string> Ids);
