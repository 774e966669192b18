namespace Profiles.Grains.Customers.Storage;

/// <summary>
/// The customer's row (grain state <c>profile</c>): the packed facts, the changes of its history since their last
/// checkpoint, the list of history chunks holding the rest, and the grain's bookkeeping.
/// </summary>
/// <remarks>
/// Its fields are numbered from 100, clear of the first stored form (the domain profile serialized as it was, fields 0–60):
/// a row of that form reads as a row without <see cref="Format"/>, which tells the grain to read it as
/// <see cref="StoredProfileV1"/> and write it in this form from its next write on.
/// </remarks>
[GenerateSerializer]
public sealed class CustomerRow
{
    /// <summary>This form.</summary>
    public const int CurrentFormat = 2;

    /// <summary>2; 0 when the stored row is of the first form (or there is none).</summary>
    [Id(100)] public int Format { get; set; }

    /// <summary>
    /// The facts part (<c>ProfileCodec.Facts</c>). Bytes on the wire as a byte array's are (a row written with either reads
    /// with either): a write points it at the bytes where they were written instead of copying them into an array.
    /// </summary>
    [Id(101)] public ReadOnlyMemory<byte> Facts { get; set; }

    /// <summary>The history entries changed since their last checkpoint (<c>ProfileCodec.Changes</c>), like <see cref="Facts"/>.</summary>
    [Id(102)] public ReadOnlyMemory<byte> Changes { get; set; }

    /// <summary>The history chunks in force, oldest first (grain states <c>history.{n}</c>).</summary>
    [Id(103)] public List<int> Chunks { get; set; } = [];

    /// <summary>The number the next chunk gets; a chunk once in force is never written again.</summary>
    [Id(104)] public int NextChunk { get; set; }

    /// <summary>Chunks a compaction replaced, still to be deleted.</summary>
    [Id(105)] public List<int>? Obsolete { get; set; }

    [Id(106)] public CustomerBookkeeping Bookkeeping { get; set; } = new();
}
