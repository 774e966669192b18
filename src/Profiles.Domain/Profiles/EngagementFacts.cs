namespace Profiles.Domain.Profiles;

/// <summary>Counters of clickstream and social activity.</summary>
[GenerateSerializer]
public sealed class EngagementFacts
{
    [Id(0)] public int PageViews { get; set; }
    [Id(1)] public int ScreenViews { get; set; }
    [Id(2)] public int TrackedEvents { get; set; }
    [Id(3)] public int Shares { get; set; }
    [Id(4)] public int Comments { get; set; }
    [Id(5)] public int Referrals { get; set; }
    [Id(6)] public DateTimeOffset? FirstSeen { get; set; }
    [Id(7)] public DateTimeOffset? LastSeen { get; set; }

    /// <summary>Distinct client session ids seen (bounded), for the session count.</summary>
    /// <summary>Session ids as the first stored form kept them (read from rows stored before; moved into the hashes on use).</summary>
    [Id(8)] public HashSet<string>? LegacySessions { get; set; }

    [NonSerialized] private HashSet<ulong>? _sessions;

    /// <summary>The distinct sessions seen, as 64-bit hashes of their ids (<see cref="HashOf"/>): a count is all the classes need.</summary>
    public IReadOnlyCollection<ulong> SessionHashes => (IReadOnlyCollection<ulong>?)Sessions() ?? [];

    /// <summary>How many distinct sessions were seen (up to the profile's session capacity).</summary>
    public int SessionCount => Sessions()?.Count ?? 0;

    /// <summary>Counts a session by its hash; false when it was counted before.</summary>
    public bool AddSession(ulong hash) => (Sessions() ?? (_sessions = [])).Add(hash);

    /// <summary>The 64-bit FNV-1a hash of a session id's UTF-16 code units: stable across processes and versions.</summary>
    public static ulong HashOf(string sessionId)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        var hash = 14695981039346656037UL;
        foreach (var c in sessionId)
        {
            hash = (hash ^ (byte)c) * 1099511628211UL;
            hash = (hash ^ (byte)(c >> 8)) * 1099511628211UL;
        }
        return hash;
    }

    private HashSet<ulong>? Sessions()
    {
        if (LegacySessions is { } legacy)
        {
            LegacySessions = null;
            _sessions ??= [];
            foreach (var session in legacy) _sessions.Add(HashOf(session));
        }
        return _sessions;
    }
}
