using CsCheck;
using Profiles.Domain.Classification;
using Profiles.Domain.Events;
using Profiles.Domain.Profiles;
using Profiles.Domain.Profiles.Packing;

namespace Profiles.Domain.Tests.Profiles;

/// <summary>
/// The packed form keeps everything observable: a profile read back from its facts, its history segments and its
/// pending changes is the profile that was written, however the history was cut into segments, and whether it was
/// compacted into a snapshot.
/// </summary>
public sealed class ProfileCodecProperties
{
    private const int Iterations = 300;

    [Fact]
    public void AProfileReadBackFromItsFactsAndPendingChangesIsTheProfileWritten() =>
        CustomerEventGen.Sequence().Sample(events =>
        {
            var profile = Fold(events);

            var read = ProfileCodec.Read(ProfileCodec.Facts(profile), [], ProfileCodec.Changes(profile));

            Assert.Equal(ProfileProjection.Observe(profile), ProfileProjection.Observe(read));
            Assert.Equal(ClassStates(profile), ClassStates(read));
            Assert.Equal(profile.AppliedMessages.Ids, read.AppliedMessages.Ids);
        }, iter: Iterations);

    [Fact]
    public void HistoryCutIntoCheckpointedSegmentsAnywhereReadsBackTheSame() =>
        CustomerEventGen.Sequence(minEvents: 1).SelectMany(events => Gen.Bool.Array[events.Length].Select(cuts => (events, cuts)))
        .Sample((events, cuts) =>
        {
            var profile = CustomerProfile.Create("customer-1");
            var segments = new List<ReadOnlyMemory<byte>>();
            for (var i = 0; i < events.Length; i++)
            {
                profile.Apply(events[i]);
                profile.Reclassify(ProfileClassifier.Default, CustomerEventGen.Now, events[i].MessageId);
                if (!cuts[i]) continue;
                segments.Add(ProfileCodec.Changes(profile));
                profile.Changes.Checkpoint();
            }

            var read = ProfileCodec.Read(ProfileCodec.Facts(profile), segments, ProfileCodec.Changes(profile));

            Assert.Equal(ProfileProjection.Observe(profile), ProfileProjection.Observe(read));
            Assert.Equal(profile.AppliedMessages.Ids, read.AppliedMessages.Ids);
            // What was pending stays pending: the next checkpoint of the read profile holds the same changes.
            Assert.Equal(ProfileCodec.Changes(profile), ProfileCodec.Changes(read));
        }, iter: Iterations);

    [Fact]
    public void ASnapshotReplacesEverySegmentBeforeIt() =>
        CustomerEventGen.Sequence(minEvents: 1).SelectMany(events => Gen.Int[0, events.Length].Select(split => (events, split)))
        .Sample((events, split) =>
        {
            var profile = CustomerProfile.Create("customer-1");
            foreach (var e in events.Take(split)) profile.Apply(e);
            var snapshot = ProfileCodec.Snapshot(profile);
            profile.Changes.Checkpoint();
            foreach (var e in events.Skip(split)) profile.Apply(e);
            profile.Reclassify(ProfileClassifier.Default, CustomerEventGen.Now, causedBy: null);

            var read = ProfileCodec.Read(ProfileCodec.Facts(profile), [snapshot], ProfileCodec.Changes(profile));

            Assert.Equal(ProfileProjection.Observe(profile), ProfileProjection.Observe(read));
        }, iter: Iterations);

    [Fact]
    public void AWholeProfileHandedOverReadsBackTheSameWithNothingPending() =>
        CustomerEventGen.Sequence().Sample(events =>
        {
            var profile = Fold(events);

            var read = ProfileCodec.ReadWhole(ProfileCodec.Whole(profile));

            Assert.Equal(ProfileProjection.Observe(profile), ProfileProjection.Observe(read));
            Assert.True(read.Changes.IsEmpty);
        }, iter: Iterations);

    [Fact]
    public void EveryEventOfAProfileReadBackIsADuplicate() =>
        CustomerEventGen.Sequence(minEvents: 1).Sample(events =>
        {
            var read = ProfileCodec.Read(ProfileCodec.Facts(Fold(events)), [], ProfileCodec.Changes(Fold(events)));

            Assert.All(events, e => Assert.Equal(ApplyOutcome.Duplicate, read.Apply(e)));
        }, iter: Iterations);

    [Fact]
    public void PruningAndMergingAreStoredAsTheyHappened()
    {
        var customer = CustomerProfile.Create("ada");
        var visitor = CustomerProfile.Create("visitor-1");
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < CustomerProfile.OrderCapacity + CustomerProfile.OrderCapacity / 4 + 1; i++)
            customer.Apply(TestEvents.Order($"o-{i}", start.AddHours(i), 10m + i % 7));
        for (var i = 0; i < 300; i++)
            customer.Apply(TestEvents.TicketOpened($"ticket-{i}", start.AddHours(i)));
        visitor.Apply(TestEvents.Page(start.AddDays(80), sessionId: "s-1"));
        Assert.True(customer.Merge(visitor));

        var read = ProfileCodec.Read(ProfileCodec.Facts(customer), [], ProfileCodec.Changes(customer));

        Assert.Equal(CustomerProfile.OrderCapacity, read.Orders.Count);
        Assert.Equal(ProfileProjection.Facts(customer), ProfileProjection.Facts(read));
        Assert.Equal(customer.ArchivedOrders!.Count, read.ArchivedOrders!.Count);
        Assert.Contains("visitor-1", read.MergedFrom);
    }

    [Fact]
    public void ACutOrUnknownPackedProfileIsRefusedClearly()
    {
        var profile = Fold([TestEvents.Order("o-1", CustomerEventGen.Epoch, 12.5m)]);
        var facts = ProfileCodec.Facts(profile);
        var changes = ProfileCodec.Changes(profile);

        Assert.Throws<FormatException>(() => ProfileCodec.Read(facts.AsSpan(0, facts.Length - 3), [], changes));
        Assert.Throws<FormatException>(() => ProfileCodec.Read(facts, [], changes.AsSpan(0, changes.Length - 1)));
        var future = (byte[])facts.Clone();
        future[0] = ProfileCodec.Version + 1;
        Assert.Contains("version", Assert.Throws<FormatException>(() => ProfileCodec.Read(future, [], changes)).Message, StringComparison.Ordinal);
        byte[] unknownEntry = [ProfileCodec.Version, 200];
        Assert.Contains("kind 200", Assert.Throws<FormatException>(() => ProfileCodec.Read(facts, [unknownEntry], [])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFormatOfVersionOneStaysAsItIs()
    {
        // A stored row must read the same in every later release: these bytes pin version 1.
        var profile = CustomerProfile.Create("ada");
        profile.Apply(TestEvents.Order("o-1", new DateTimeOffset(2025, 6, 1, 10, 0, 0, TimeSpan.FromHours(2)), 120.50m, "2f1b3c4d-0000-4000-8000-00000000000a"));

        Assert.Equal(FactsV1, Convert.ToHexString(ProfileCodec.Facts(profile)));
        Assert.Equal(ChangesV1, Convert.ToHexString(ProfileCodec.Changes(profile)));
        Assert.Equal(ProfileProjection.Facts(profile), ProfileProjection.Facts(ProfileCodec.Read(Convert.FromHexString(FactsV1), [], Convert.FromHexString(ChangesV1))));
    }

    [Fact]
    public void ARowStoredWithTheThousandIdWindowReadsWithTodaysWindow()
    {
        var read = ProfileCodec.Read(Convert.FromHexString(FactsV1Window1000), [], Convert.FromHexString(ChangesV1));
        Assert.Equal(MessageIdWindow.DefaultCapacity, read.AppliedMessages.Capacity);
        Assert.Equal(1, read.AppliedMessages.Count);
    }

    private const string FactsV1 =
        "0104616461010000000000000000000000000000000000000000018080D3F5A49CE8EE08F001018080D3F5A49CE8EE08F00100C41300";

    /// <summary>Version 1 as rows were written while the window held 1,000 ids.</summary>
    private const string FactsV1Window1000 =
        "0104616461010000000000000000000000000000000000000000018080D3F5A49CE8EE08F001018080D3F5A49CE8EE08F00100E80700";

    private const string ChangesV1 =
        "0101014D3C1B2F00000040800000000000000A02046F2D31018080D3F5A49CE8EE08F001925E000002014D3C1B2F00000040800000000000000A" +
        "000000000006014D3C1B2F00000040800000000000000A8080D3F5A49CE8EE08F001104F7264657220436F6D706C65746564156F72646572206F" +
        "2D313A203132302E3520555344";

    private static CustomerProfile Fold(IEnumerable<CustomerEvent> events)
    {
        var profile = CustomerProfile.Create("customer-1");
        foreach (var e in events) profile.Apply(e);
        profile.Reclassify(ProfileClassifier.Default, CustomerEventGen.Now, causedBy: events.LastOrDefault()?.MessageId);
        return profile;
    }

    private static string ClassStates(CustomerProfile profile) =>
        string.Join("; ", profile.Classes.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"));
}
