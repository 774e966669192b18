using System.Collections.Immutable;
using Profiles.Abstractions.Audiences;
using Profiles.Grains.Audiences;

namespace Profiles.Grains.Tests.Audiences;

public sealed class ShardIndexTests
{
    private static readonly AudienceTerm Dormant = new("lifecycle", "dormant");
    private static readonly AudienceTerm Active = new("lifecycle", "active");
    private static readonly AudienceTerm TierA = new("value", "A");

    private static MembershipUpdate Update(string id, long stamp, params AudienceTerm[] classes) => new(id, stamp, [.. classes]);

    private static List<string> Ids(ShardIndex index, params AudienceTerm[] terms) =>
        [.. index.List(new AudienceQuery { Terms = [.. terms], Limit = 100_000 }).Members.Select(m => m.CustomerId)];

    [Fact]
    public void AnUpdateOlderThanOrAsOldAsTheOneHeldChangesNothingWhateverTheOrderOfArrival()
    {
        var index = new ShardIndex();

        Assert.True(index.Apply(Update("ada", 20, Dormant, TierA)));
        Assert.False(index.Apply(Update("ada", 10, Active)));
        Assert.False(index.Apply(Update("ada", 20, Active)));

        Assert.Equal(["ada"], Ids(index, Dormant, TierA));
        Assert.Empty(Ids(index, Active));
        Assert.Equal(1, index.Count([Dormant]));
        Assert.True(index.Apply(Update("ada", 21, Active)));
        Assert.Equal(0, index.Count([Dormant]));
        Assert.Equal(1, index.Count([Active]));
    }

    [Fact]
    public void AProfileListedNowhereCountsInNoListButKeepsItsStampAndAnErasureForgetsItWhateverTheStamp()
    {
        var index = new ShardIndex();
        index.Apply(Update("anon", 5, Active));
        index.Apply(Update("anon", 6));

        Assert.Equal(0, index.Listed);
        Assert.Empty(Ids(index));
        // A late update from before the merge does not list it again.
        Assert.False(index.Apply(Update("anon", 5, Active)));
        Assert.Equal(1, index.Known);

        Assert.True(index.Apply(new MembershipUpdate("anon", 1, [], Erase: true)));
        Assert.Equal(0, index.Known);
    }

    [Fact]
    public void ListingIsInOrdinalOrderOfIdsAndGoesOnAfterTheCursorWithIntersections()
    {
        var index = new ShardIndex();
        string[] ids = ["b", "a", "B", "ä", "a/b", "c"];
        foreach (var id in ids) index.Apply(Update(id, 1, Dormant, id == "c" ? Active : TierA));

        var first = index.List(new AudienceQuery { Terms = [Dormant], Limit = 2 });
        var second = index.List(new AudienceQuery { Terms = [Dormant], Limit = 2, After = first.Members[^1].CustomerId });
        var rest = index.List(new AudienceQuery { Terms = [Dormant], Limit = 10, After = second.Members[^1].CustomerId });

        Assert.Equal(["B", "a"], first.Members.Select(m => m.CustomerId));
        Assert.True(first.More);
        Assert.Equal(["a/b", "b"], second.Members.Select(m => m.CustomerId));
        Assert.Equal(["c", "ä"], rest.Members.Select(m => m.CustomerId));
        Assert.False(rest.More);
        Assert.Equal(["B", "a", "a/b", "b", "ä"], Ids(index, Dormant, TierA));
        Assert.Equal(5, index.Count([Dormant, TierA]));
        Assert.Empty(Ids(index, Dormant, new AudienceTerm("value", "never-seen")));
        var withClasses = index.List(new AudienceQuery { Terms = [Active], Dimensions = ["value", "lifecycle", "nps"] });
        Assert.Equal(["c"], withClasses.Members.Select(m => m.CustomerId));
        Assert.Equal(new string?[] { null, "active", null }, withClasses.Members[0].Classes.ToArray());
    }

    [Fact]
    public void PagesAndTheLogReadBackAsTheIndexWasAndTheNewerOfAPageAndTheLogWins()
    {
        var index = new ShardIndex();
        // Long ids fill several pages.
        var ids = Enumerable.Range(0, 3000).Select(i => $"{i:D5}-" + new string('x', 200)).ToList();
        foreach (var id in ids) index.Apply(Update(id, 100, Dormant));
        Assert.True(index.Pages >= 2, $"{index.Pages} pages");
        var pages = index.EncodeDirtyPages();
        index.Compacted();

        // After the pages were written: one moved, one erased, one new; the log holds them.
        index.Apply(Update(ids[0], 200, Active));
        index.Apply(new MembershipUpdate(ids[1], 0, [], Erase: true));
        index.Apply(Update("new", 150, TierA));
        var log = index.EncodeLog();

        var read = new ShardIndex();
        foreach (var (page, blob) in pages) read.LoadPage(page, blob);
        read.LoadLog(log);

        Assert.Equal(ids.Count - 2, read.Count([Dormant]));
        Assert.Equal([ids[0]], Ids(read, Active));
        Assert.Equal(["new"], Ids(read, TierA));
        Assert.DoesNotContain(ids[1], Ids(read));
        Assert.Equal(Ids(index), Ids(read));

        // A page written by a compaction whose row then failed is newer than the old log: the log does not undo it.
        var newer = new ShardIndex();
        newer.LoadPage(1, SinglePage(Update(ids[0], 300, TierA)));
        newer.LoadLog(log);
        Assert.Equal([ids[0], "new"], Ids(newer, TierA));
    }

    private static byte[] SinglePage(MembershipUpdate update)
    {
        var index = new ShardIndex();
        index.Apply(update);
        return index.EncodeDirtyPages()[1];
    }

    [Fact]
    public void AStoredMemberTakesLittleMoreThanItsId()
    {
        var index = new ShardIndex();
        var classes = ImmutableArray.Create(
            new AudienceTerm("rfm", "champions"), new AudienceTerm("lifecycle", "active"), new AudienceTerm("satisfaction", "satisfied"),
            new AudienceTerm("nps", "promoter"), new AudienceTerm("value", "A"), new AudienceTerm("purchasingPower", "high"),
            new AudienceTerm("engagement", "high"), new AudienceTerm("socialRole", "lurker"), new AudienceTerm("geography", "DE"),
            new AudienceTerm("ageBand", "25-34"));
        var stamp = DateTimeOffset.UtcNow.UtcTicks;
        for (var i = 0; i < 10_000; i++) index.Apply(new MembershipUpdate($"customer-{i:D8}", stamp + i * 10_000_000L, classes));

        var bytes = index.EncodeDirtyPages().Values.Sum(p => p.Length);

        // 17 bytes of id, 10 classes: about 36 bytes a member.
        Assert.InRange(bytes / 10_000.0, 30, 40);
    }
}
