using CsCheck;
using Profiles.Domain.Profiles;

namespace Profiles.Domain.Tests.Profiles;

public sealed class MessageIdWindowTests
{
    private const string GuidId = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";

    [Theory]
    [InlineData(GuidId)]
    [InlineData("m-1")]
    [InlineData("")]
    [InlineData("3F2504E0-4F89-41D3-9A0C-0305E82C3301")]
    [InlineData("{3f2504e0-4f89-41d3-9a0c-0305e82c3301}")]
    public void AnIdIsRememberedOnceWhateverItsForm(string id)
    {
        var window = new MessageIdWindow();

        Assert.True(window.Add(id));
        Assert.False(window.Add(id));
        Assert.True(window.Contains(id));
        Assert.Equal([id], window.Ids);
    }

    [Fact]
    public void IdsThatDifferOnlyInTheCaseOfAGuidAreDifferentIds()
    {
        var window = new MessageIdWindow();

        Assert.True(window.Add(GuidId));
        Assert.True(window.Add(GuidId.ToUpperInvariant()));
        Assert.False(window.Contains(GuidId.Replace("-", "", StringComparison.Ordinal)));
        Assert.Equal([GuidId, GuidId.ToUpperInvariant()], window.Ids);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(40)]
    public void BeyondItsCapacityTheWindowForgetsTheOldestIdsFirst(int capacity)
    {
        var window = new MessageIdWindow { Capacity = capacity };
        var ids = Enumerable.Range(0, capacity * 3).Select(i => i % 2 == 0 ? Guid.NewGuid().ToString() : $"id-{i}").ToList();

        foreach (var id in ids) Assert.True(window.Add(id));

        Assert.Equal(capacity, window.Count);
        Assert.Equal(ids.TakeLast(capacity), window.Ids);
        Assert.All(ids.TakeLast(capacity), id => Assert.False(window.Add(id)));
        Assert.True(window.Add(ids[0]));
        Assert.False(window.Contains(ids[^capacity]));
    }

    [Fact]
    public void AClearedWindowRemembersNothing()
    {
        var window = new MessageIdWindow();
        window.Add(GuidId);

        window.Clear();

        Assert.Equal(0, window.Count);
        Assert.True(window.Add(GuidId));
    }

    [Fact]
    public void AWindowRebuiltFromTheIdsItTookAnswersEveryLookupAsItDoesWhetherWalkedOrHashed() =>
        // Ids from a small pool (so repeats and evictions happen), a capacity of 1-60 (walked below 17, hashed above after a
        // few walks), GUID-shaped and text ids mixed.
        Gen.Int[1, 60].SelectMany(capacity => Gen.Int[0, 80].Select(i => i % 3 == 0 ? new Guid(i, 0, 0, new byte[8]).ToString() : $"m-{i}").Array[0, 400]
            .Select(ids => (capacity, ids)))
        .Sample((capacity, ids) =>
        {
            var window = new MessageIdWindow { Capacity = capacity };
            var taken = new List<MessageKey>();
            foreach (var id in ids)
            {
                if (window.Add(id)) taken.Add(MessageKey.Of(id));
            }
            var rebuilt = new MessageIdWindow { Capacity = capacity };
            rebuilt.Reserve(taken.Count);
            foreach (var key in taken) rebuilt.Restore(key);

            Assert.Equal(window.Ids, rebuilt.Ids);
            // Every id of the pool, looked up several times over: the answers stay those of the ids remembered.
            var remembered = window.Ids.ToHashSet(StringComparer.Ordinal);
            for (var round = 0; round < 6; round++)
            {
                for (var i = 0; i < 80; i++)
                {
                    var id = i % 3 == 0 ? new Guid(i, 0, 0, new byte[8]).ToString() : $"m-{i}";
                    Assert.Equal(remembered.Contains(id), rebuilt.Contains(id));
                }
            }
        }, iter: 300);
}
