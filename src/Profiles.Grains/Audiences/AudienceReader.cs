using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Profiles.Abstractions.Audiences;
using Profiles.Abstractions.Grains;
using Profiles.Domain.Audiences;

namespace Profiles.Grains.Audiences;

/// <summary>Reads the membership index across its shards: counts, pages at a cursor, and a stream of a whole audience.</summary>
public static class AudienceReader
{
    /// <summary>Shards asked at once for a page: a small class has few members in each.</summary>
    private const int Window = 8;

    /// <summary>Members a stream reads from a shard at a time.</summary>
    public const int StreamPage = 1000;

    /// <summary>How many listed customers are in every class of <paramref name="terms"/> (none: every listed customer).</summary>
    public static async Task<long> CountAsync(IGrainFactory grains, ImmutableArray<AudienceTerm> terms, int fromShard = 0)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var counts = await Task.WhenAll(Enumerable.Range(fromShard, AudienceShards.Count - fromShard)
            .Select(shard => grains.GetGrain<IAudienceShardGrain>(shard).CountAsync(terms)));
        return counts.Sum();
    }

    /// <summary>
    /// At most <paramref name="limit"/> members from <paramref name="from"/> on, and the cursor of the next page — null only
    /// when no member follows (so a client stops at the last page, not at an empty one after it).
    /// </summary>
    public static async Task<(IReadOnlyList<AudienceMember> Members, AudienceCursor? Next)> PageAsync(
        IGrainFactory grains, ImmutableArray<AudienceTerm> terms, AudienceCursor from, int limit, ImmutableArray<string> dimensions)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var members = new List<AudienceMember>(limit);
        var after = from.After;
        for (var shard = from.Shard; shard < AudienceShards.Count; shard += Window, after = null)
        {
            var window = Math.Min(Window, AudienceShards.Count - shard);
            var wanted = limit - members.Count;
            var pages = await Task.WhenAll(Enumerable.Range(0, window).Select(i => grains.GetGrain<IAudienceShardGrain>(shard + i).ListAsync(
                new AudienceQuery { Terms = terms, After = i == 0 ? after : null, Limit = wanted, Dimensions = dimensions })));
            for (var i = 0; i < window; i++)
            {
                var page = pages[i];
                var room = limit - members.Count;
                if (page.Members.Length > room)
                {
                    members.AddRange(page.Members.Take(room));
                    return (members, new AudienceCursor(shard + i, members[^1].CustomerId));
                }
                members.AddRange(page.Members);
                if (members.Count < limit) continue;
                if (page.More) return (members, new AudienceCursor(shard + i, members[^1].CustomerId));
                // Full at the end of a shard: a next page only if a later shard has a member.
                var later = pages.Skip(i + 1).Any(p => p.Members.Length > 0) ||
                            (shard + window < AudienceShards.Count && await CountAsync(grains, terms, shard + window) > 0);
                return (members, later && shard + i + 1 < AudienceShards.Count ? new AudienceCursor(shard + i + 1, null) : null);
            }
        }
        return (members, null);
    }

    /// <summary>Every member from <paramref name="from"/> on, shard by shard, reading the next page while the last one is consumed.</summary>
    public static async IAsyncEnumerable<AudienceMember> StreamAsync(
        IGrainFactory grains, ImmutableArray<AudienceTerm> terms, AudienceCursor from, ImmutableArray<string> dimensions,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        for (var shard = from.Shard; shard < AudienceShards.Count; shard++)
        {
            var grain = grains.GetGrain<IAudienceShardGrain>(shard);
            var next = grain.ListAsync(new AudienceQuery
            {
                Terms = terms, After = shard == from.Shard ? from.After : null, Limit = StreamPage, Dimensions = dimensions,
            });
            while (next is not null)
            {
                var page = await next;
                cancellationToken.ThrowIfCancellationRequested();
                next = page.More
                    ? grain.ListAsync(new AudienceQuery { Terms = terms, After = page.Members[^1].CustomerId, Limit = StreamPage, Dimensions = dimensions })
                    : null;
                foreach (var member in page.Members) yield return member;
            }
        }
    }
}
