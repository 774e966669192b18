using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Profiles.Abstractions.Grains;

/// <summary>
/// The cluster's durable record of recent erasures (one grain, key 0), which every silo follows to drop what it caches
/// about an erased customer: a path that a lost message or a silo that missed a push cannot cut. It keeps no ids, only
/// each erased customer's <see cref="ErasureMark"/>, and only the latest <c>Capacity</c> of them.
/// </summary>
public interface IErasureLogGrain : IGrainWithIntegerKey
{
    /// <summary>Durably appends the mark of an erased customer.</summary>
    Task AppendAsync(uint mark);

    /// <summary>The marks at position <paramref name="from"/> and after (<c>-1</c>: none, just the position where the next one goes).</summary>
    [ReadOnly]
    Task<ErasureLogPage> ReadAsync(long from);
}

/// <summary>
/// Marks read from the erasure log. <see cref="Next"/> is the position to read from next time; <see cref="Gap"/> says
/// that marks from the position asked for were dropped before this read (the reader fell too far behind and must forget
/// everything it caches).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ErasureLogPage(
    [property: Id(0)] long Next,
    [property: Id(1)] bool Gap,
    [property: Id(2)] ImmutableArray<uint> Marks);

/// <summary>
/// The short, one-way mark of an erased customer id in the erasure log: the first four bytes of the SHA-256 of its UTF-8
/// text. Many ids share a mark, so it identifies no one; a cache entry of another customer with the same mark is only
/// dropped early (and resolved again).
/// </summary>
public static class ErasureMark
{
    public static uint Of(string customerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(customerId), hash);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(hash);
    }
}
