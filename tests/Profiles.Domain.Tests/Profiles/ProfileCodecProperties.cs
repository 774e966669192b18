using CsCheck;
using Profiles.Domain.Classification;
using Profiles.Domain.Events;
using Profiles.Domain.Profiles;
using Profiles.Domain.Profiles.Packing;

namespace Profiles.Domain.Tests.Profiles;

/// <summary>
/// The packed form keeps everything observable: a profile read back from its facts, its history chunks and its
/// pending changes is the profile that was written, however the history was cut into chunks, and whether it was
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
    public void HistoryCutIntoCheckpointedChunksAnywhereReadsBackTheSame() =>
        CustomerEventGen.Sequence(minEvents: 1).SelectMany(events => Gen.Bool.Array[events.Length].Select(cuts => (events, cuts)))
        .Sample((events, cuts) =>
        {
            var profile = CustomerProfile.Create("customer-1");
            var chunks = new List<ReadOnlyMemory<byte>>();
            for (var i = 0; i < events.Length; i++)
            {
                profile.Apply(events[i]);
                profile.Reclassify(ProfileClassifier.Default, CustomerEventGen.Now, events[i].MessageId);
                if (!cuts[i]) continue;
                chunks.Add(ProfileCodec.Changes(profile));
                profile.Changes.Checkpoint();
            }

            var read = ProfileCodec.Read(ProfileCodec.Facts(profile), chunks, ProfileCodec.Changes(profile));

            Assert.Equal(ProfileProjection.Observe(profile), ProfileProjection.Observe(read));
            Assert.Equal(profile.AppliedMessages.Ids, read.AppliedMessages.Ids);
            // What was pending stays pending: the next checkpoint of the read profile holds the same changes.
            Assert.Equal(ProfileCodec.Changes(profile), ProfileCodec.Changes(read));
        }, iter: Iterations);

    [Fact]
    public void ASnapshotReplacesEveryChunkBeforeIt() =>
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
    public void TheFormatOfVersionThreeStaysAsItIs()
    {
        // A stored row must read the same in every later release: these bytes pin version 3.
        var profile = Classified();

        Assert.Equal(FactsV3, Convert.ToHexString(ProfileCodec.Facts(profile)));
        Assert.Equal(ChangesV3, Convert.ToHexString(ProfileCodec.Changes(profile)));
        Assert.Equal(ProfileProjection.Facts(profile), ProfileProjection.Facts(ProfileCodec.Read(Convert.FromHexString(FactsV3), [], Convert.FromHexString(ChangesV3))));
        Assert.Equal(ClassStates(profile), ClassStates(ProfileCodec.Read(Convert.FromHexString(FactsV3), [], Convert.FromHexString(ChangesV3))));
    }

    [Fact]
    public void AnArchiveOfVersionThreeStaysAsItIs()
    {
        // Version 3 adds the archive's purchase days and first-day revenue after its silences.
        var profile = CustomerProfile.Create("ada");
        profile.ArchivedOrders = new OrderArchive();
        profile.ArchivedOrders.Add(new DateTimeOffset(2025, 6, 1, 10, 0, 0, TimeSpan.Zero), 12.5m);
        profile.ArchivedOrders.Add(new DateTimeOffset(2025, 6, 1, 18, 0, 0, TimeSpan.Zero), 7.5m);
        profile.ArchivedOrders.Add(new DateTimeOffset(2025, 6, 4, 9, 0, 0, TimeSpan.Zero), 30m);

        var facts = Convert.ToHexString(ProfileCodec.Facts(profile));
        Assert.Equal(ArchiveFactsV3, facts);
        var read = ProfileCodec.Read(Convert.FromHexString(ArchiveFactsV3), [], [])!.ArchivedOrders!;
        Assert.Equal((3, 2, 20m), (read.Count, read.Days, read.FirstDayRevenue));
    }

    [Fact]
    public void RowsOfVersionTwoStillRead()
    {
        // Bytes written by the release before version 3, classified before the prediction dimensions existed.
        var profile = ClassifiedBeforePredictions();
        var read = ProfileCodec.Read(Convert.FromHexString(FactsV2), [], Convert.FromHexString(ChangesV2));
        Assert.Equal(ProfileProjection.Facts(profile), ProfileProjection.Facts(read));
        Assert.Equal(ClassStates(profile), ClassStates(read));
        // Its archive (none here) would be read without purchase days, which are then estimated.
        Assert.Null(read.ArchivedOrders);
    }

    [Fact]
    public void RowsOfVersionOneStillRead()
    {
        // Bytes written by the release before version 2: one without classes, one classified (names as text).
        var unclassified = CustomerProfile.Create("ada");
        unclassified.Apply(TestEvents.Order("o-1", new DateTimeOffset(2025, 6, 1, 10, 0, 0, TimeSpan.FromHours(2)), 120.50m, "2f1b3c4d-0000-4000-8000-00000000000a"));
        Assert.Equal(ProfileProjection.Facts(unclassified), ProfileProjection.Facts(ProfileCodec.Read(Convert.FromHexString(FactsV1), [], Convert.FromHexString(ChangesV1))));

        var classified = ClassifiedBeforePredictions();
        var read = ProfileCodec.Read(Convert.FromHexString(FactsV1Classified), [], Convert.FromHexString(ChangesV1));
        Assert.Equal(ProfileProjection.Facts(classified), ProfileProjection.Facts(read));
        Assert.Equal(ClassStates(classified), ClassStates(read));
    }

    [Fact]
    public void KnownNamesPackAsOneByteAndOthersAsText()
    {
        var writer = new PackedWriter();
        writer.Name("lifecycle");
        writer.Name("segment:vip");
        writer.Name(null);
        writer.Name("lost");
        Assert.Equal("02" + "4C" + Convert.ToHexString("segment:vip"u8) + "00" + "30", Convert.ToHexString(writer.WrittenSpan));

        var reader = new PackedReader(writer.WrittenSpan);
        Assert.Same("lifecycle", reader.Name());
        Assert.Equal("segment:vip", reader.Name());
        Assert.Null(reader.Name());
        Assert.Equal("lost", reader.Name());
        Assert.True(reader.End);
        // A code this release has no name for is refused, not guessed.
        Assert.Throws<FormatException>(() => new PackedReader([(byte)KnownNames.Reserved]).Name());
    }

    [Fact]
    public void EveryBuiltInDimensionHasAKnownName()
    {
        foreach (var dimension in Dimensions.All) Assert.True(KnownNames.CodeOf(dimension) >= 0, dimension);
        Assert.InRange(KnownNames.Count, 1, KnownNames.Reserved);
        // Codes are stored: the first names keep their places.
        Assert.Equal(0, KnownNames.CodeOf("rfm"));
        Assert.Equal(47, KnownNames.CodeOf("lost"));
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

    /// <summary>Version 1 of <see cref="Classified"/>: every class with its dimension and value as text.</summary>
    private const string FactsV1Classified =
        "010461646101018080EDD786ADE8EE080000000000000000000000000000000000000000018080D3F5A49CE8EE08F001018080D3F5A49CE8EE08F00100C4130A0472666D0E6E65772D637573746F6D657273008080EDD786ADE8EE0800014D3C1B2F00000040800000000000000A0A6C6966656379636C65046E6577008080EDD786ADE8EE0800014D3C1B2F00000040800000000000000A0D736174697366616374696F6E08756E6B6E6F776E008080EDD786ADE8EE0800014D3C1B2F00000040800000000000000A046E7073056E6F6E65008080EDD786ADE8EE0800014D3C1B2F00000040800000000000000A0676616C75650243008080EDD786ADE8EE0800014D3C1B2F00000040800000000000000A1070757263686173696E67506F776572076D656469756D008080EDD786ADE8EE0800014D3C1B2F00000040800000000000000A0B656E676167656D656E74046C6F77008080EDD786ADE8EE0800014D3C1B2F00000040800000000000000A0B736F6369616C526F6C65076C75726B6572008080EDD786ADE8EE0800014D3C1B2F00000040800000000000000A0A67656F67726170687908756E6B6E6F776E008080EDD786ADE8EE0800014D3C1B2F00000040800000000000000A0861676542616E6408756E6B6E6F776E008080EDD786ADE8EE0800014D3C1B2F00000040800000000000000A";

    private const string FactsV2 =
        "020461646101018080EDD786ADE8EE080000000000000000000000000000000000000000018080D3F5A49CE8EE08F001018080D3F5A49CE8EE08F00100C4130A012900008080EDD786ADE8EE0800014D3C1B2F00000040800000000000000A02160001030B0001040C000105240001061000010711000108210001090B00010A0B0001";

    private const string ChangesV2 =
        "0201014D3C1B2F00000040800000000000000A02046F2D31018080D3F5A49CE8EE08F001925E000002014D3C1B2F00000040800000000000000A000000000006014D3C1B2F00000040800000000000000A8080D3F5A49CE8EE08F001104F7264657220436F6D706C65746564156F72646572206F2D313A203132302E3520555344";

    private const string FactsV3 =
        "030461646101018080EDD786ADE8EE080000000000000000000000000000000000000000018080D3F5A49CE8EE08F001018080D3F5A49CE8EE08F00100C4130C012900008080EDD786ADE8EE0800014D3C1B2F00000040800000000000000A02160001030B0001040C000105240001061000010711000108210001090B00010A0B0001310B0001320B0001";

    private const string ChangesV3 =
        "0301014D3C1B2F00000040800000000000000A02046F2D31018080D3F5A49CE8EE08F001925E000002014D3C1B2F00000040800000000000000A000000000006014D3C1B2F00000040800000000000000A8080D3F5A49CE8EE08F001104F7264657220436F6D706C65746564156F72646572206F2D313A203132302E3520555344";

    /// <summary>An archive of three orders on two days (20 on the first), then the purchase days (2) and first-day revenue.</summary>
    private const string ArchiveFactsV3 =
        "030461646100000000000000000000000000000000000000000000000106F4030000010180A0F691B19EE8EE08000180D0D9FDE2E8E8EE0800010402010401C801000001C41300";

    private const string ChangesV1 =
        "0101014D3C1B2F00000040800000000000000A02046F2D31018080D3F5A49CE8EE08F001925E000002014D3C1B2F00000040800000000000000A" +
        "000000000006014D3C1B2F00000040800000000000000A8080D3F5A49CE8EE08F001104F7264657220436F6D706C65746564156F72646572206F" +
        "2D313A203132302E3520555344";

    /// <summary>Ada after one order, classified the next day: every class stamped by that order.</summary>
    private static CustomerProfile Classified()
    {
        var profile = CustomerProfile.Create("ada");
        profile.Apply(TestEvents.Order("o-1", new DateTimeOffset(2025, 6, 1, 10, 0, 0, TimeSpan.FromHours(2)), 120.50m, "2f1b3c4d-0000-4000-8000-00000000000a"));
        profile.Reclassify(ProfileClassifier.Default, new DateTimeOffset(2025, 6, 2, 0, 0, 0, TimeSpan.Zero), "2f1b3c4d-0000-4000-8000-00000000000a");
        return profile;
    }

    /// <summary><see cref="Classified"/> as the releases before the prediction dimensions (churnRisk, cluster) classified it.</summary>
    private static CustomerProfile ClassifiedBeforePredictions()
    {
        var profile = Classified();
        profile.Classes.Remove(Dimensions.ChurnRisk);
        profile.Classes.Remove(Dimensions.Cluster);
        return profile;
    }

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
