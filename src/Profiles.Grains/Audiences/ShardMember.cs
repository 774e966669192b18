namespace Profiles.Grains.Audiences;

/// <summary>One customer of a shard in memory: its listing stamp, its classes as codes of the shard's term table, its page.</summary>
internal sealed class ShardMember(string id)
{
    /// <summary>The customer id (set only on the index's lookup probe, never on a member in the set).</summary>
    public string Id { get; set; } = id;

    public long Stamp { get; set; }

    /// <summary>Codes of the shard's term table, one per class the customer is in; empty for a profile listed nowhere.</summary>
    public ushort[] Codes { get; set; } = [];

    /// <summary>The page (row <c>members.{n}</c>, from 1) the customer is kept in.</summary>
    public int Page { get; set; }

    /// <summary>Whether the page as last stored holds this customer (else only the log does, until the page is written).</summary>
    public bool Stored { get; set; }

    /// <summary>Its size packed, as a page or the log holds it (estimated from above).</summary>
    public int Bytes { get; set; }

    public bool Has(ushort code)
    {
        foreach (var c in Codes)
        {
            if (c == code) return true;
        }
        return false;
    }
}
