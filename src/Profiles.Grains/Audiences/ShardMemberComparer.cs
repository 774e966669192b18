namespace Profiles.Grains.Audiences;

/// <summary>Orders members by id, ordinally: the order listings and cursors follow.</summary>
internal sealed class ShardMemberComparer : IComparer<ShardMember>
{
    public static readonly ShardMemberComparer Instance = new();

    public int Compare(ShardMember? x, ShardMember? y) => string.CompareOrdinal(x?.Id, y?.Id);
}
