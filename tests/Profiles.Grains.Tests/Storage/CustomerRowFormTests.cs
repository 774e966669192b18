using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Profiles.Domain.Profiles;
using Profiles.Domain.Profiles.Packing;
using Profiles.Grains.Customers.Storage;

namespace Profiles.Grains.Tests.Storage;

/// <summary>
/// The customer row as the release before this one declared it: its facts and changes as byte arrays. Rows are now
/// written with them as memory (a write points at the bytes where they were packed); either must read the other.
/// </summary>
[GenerateSerializer]
public sealed class CustomerRowWithArrays
{
    [Id(100)] public int Format { get; set; }
    [Id(101)] public byte[]? Facts { get; set; }
    [Id(102)] public byte[]? Changes { get; set; }
    [Id(103)] public List<int> Chunks { get; set; } = [];
    [Id(104)] public int NextChunk { get; set; }
    [Id(105)] public List<int>? Obsolete { get; set; }
    [Id(106)] public CustomerBookkeeping Bookkeeping { get; set; } = new();
}

public sealed class CustomerRowFormTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services = new ServiceCollection()
        .AddSerializer(s => s.AddAssembly(typeof(CustomerRow).Assembly).AddAssembly(typeof(CustomerRowFormTests).Assembly))
        .BuildServiceProvider();

    private Serializer Serializer => _services.GetRequiredService<Serializer>();

    [Fact]
    public void ARowStoredWithByteArraysReadsAsTodaysRowAndTheOtherWayRound()
    {
        var profile = CustomerProfile.Create("ada");
        profile.Apply(TestEvents.Order(Now, 120m));
        var (facts, changes) = (ProfileCodec.Facts(profile), ProfileCodec.Changes(profile));
        var bookkeeping = new CustomerBookkeeping { ScheduledCheck = 42, HasUserId = true };

        var before = Serializer.SerializeToArray(new CustomerRowWithArrays
        {
            Format = CustomerRow.CurrentFormat, Facts = facts, Changes = changes, Chunks = [3], NextChunk = 4, Bookkeeping = bookkeeping,
        });
        var read = Serializer.Deserialize<CustomerRow>(before)!;
        Assert.Equal((CustomerRow.CurrentFormat, 4, 42L), (read.Format, read.NextChunk, read.Bookkeeping.ScheduledCheck!.Value));
        Assert.Equal(facts, read.Facts.ToArray());
        Assert.Equal(changes, read.Changes.ToArray());
        Assert.Single(ProfileCodec.Read(read.Facts.Span, [], read.Changes.Span).Orders);

        var now = Serializer.SerializeToArray(new CustomerRow
        {
            Format = CustomerRow.CurrentFormat, Facts = facts, Changes = changes, Chunks = [3], NextChunk = 4, Bookkeeping = bookkeeping,
        });
        // The same bytes as before: a release that reads arrays reads today's rows.
        Assert.Equal(Convert.ToHexString(before), Convert.ToHexString(now));
        var back = Serializer.Deserialize<CustomerRowWithArrays>(now)!;
        Assert.Equal(facts, back.Facts);
        Assert.Equal(changes, back.Changes);
    }

    public void Dispose() => _services.Dispose();
}
