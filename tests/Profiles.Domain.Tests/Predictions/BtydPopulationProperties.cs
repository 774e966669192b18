using CsCheck;
using Profiles.Domain.Predictions;

namespace Profiles.Domain.Tests.Predictions;

public sealed class BtydPopulationProperties
{
    // Histories as customers make them: x ≤ the span in days (distinct days), a mean value only with repeats.
    private static readonly Gen<PurchaseHistory> History =
        from first in Gen.Int[730_000, 731_500]
        from span in Gen.OneOf(Gen.Const(0), Gen.Int[1, 30], Gen.Int[1, 4000])
        from repeats in span == 0 ? Gen.Const(0) : Gen.Int[1, Math.Min(span, 3000)]
        from tenThousandths in Gen.Long[0, 100_000_000]
        select new PurchaseHistory(first, first + span, repeats, repeats == 0 ? 0m : tenThousandths / 10_000m);

    private static readonly Gen<PurchaseHistory[]> Histories = History.Array[0, 60];

    [Fact]
    public void AddingAThenBThenRemovingAEqualsAddingB() =>
        Gen.Select(Histories, Histories).Sample((a, b) =>
        {
            var both = new BtydPopulation();
            foreach (var h in a) both.Add(h);
            foreach (var h in b) both.Add(h);
            foreach (var h in a) both.Remove(h);

            var onlyB = new BtydPopulation();
            foreach (var h in b) onlyB.Add(h);
            Assert.True(onlyB.SameAs(both));
        }, iter: 300);

    [Fact]
    public void DeltasAddUpToTheSameTotalsInAnyOrder() =>
        Gen.Select(Histories, Histories, Gen.Int[0, 1000]).Sample((before, after, shuffle) =>
        {
            // Each customer moves from its history in `before` to the one in `after`, reported through one of three silos.
            var deltas = Enumerable.Range(0, 3).Select(_ => new BtydPopulation()).ToArray();
            var totals = new BtydPopulation();
            foreach (var h in before) totals.Add(h);
            for (var i = 0; i < Math.Max(before.Length, after.Length); i++)
            {
                deltas[i % 3].Replace(i < before.Length ? before[i] : null, i < after.Length ? after[i] : null);
            }
            var random = new SeededRandom((ulong)shuffle);
            var order = deltas.OrderBy(_ => random.NextUInt64()).ToArray();
            var inOrder = Copy(totals);
            foreach (var delta in deltas) inOrder.Add(delta);
            var shuffled = Copy(totals);
            foreach (var delta in order) shuffled.Add(delta);
            var deltasTotal = new BtydPopulation();
            foreach (var delta in order.Reverse()) deltasTotal.Add(delta);
            var combined = Copy(totals);
            combined.Add(deltasTotal);

            var expected = new BtydPopulation();
            foreach (var h in after) expected.Add(h);
            Assert.True(expected.SameAs(inOrder));
            Assert.True(expected.SameAs(shuffled));
            Assert.True(expected.SameAs(combined));
        }, iter: 300);

    [Fact]
    public void APackedPopulationOrDeltaUnpacksToTheSame() =>
        Gen.Select(Histories, Histories).Sample((added, removed) =>
        {
            var delta = new BtydPopulation();
            foreach (var h in added) delta.Add(h);
            foreach (var h in removed) delta.Remove(h);
            var packed = delta.Pack();
            var unpacked = BtydPopulation.Unpack(packed);
            Assert.True(delta.SameAs(unpacked));
            Assert.Equal(packed, unpacked.Pack());
        }, iter: 300);

    [Fact]
    public void EveryCustomerIsInTheObservationsOnce() =>
        Histories.Sample(histories =>
        {
            var population = new BtydPopulation();
            foreach (var h in histories) population.Add(h);
            var observations = population.Observations(732_000, 7);
            Assert.Equal(histories.Length, observations.Sum(o => o.Count));
            Assert.Equal(histories.Sum(h => (double)h.RepeatPurchases), observations.Sum(o => o.Frequency * o.Count), 6);
            Assert.Equal(histories.Sum(h => h.Age(732_000, 7)), observations.Sum(o => o.Age * o.Count), 6);
            Assert.Equal(histories.Count(h => h is { RepeatPurchases: > 0, MeanRepeatValue: > 0 }), population.SpendObservations().Sum(o => o.Count));
        }, iter: 200);

    [Fact]
    public void ACellsCustomersShareTheirRepeatsExactlyUpToTheBoundAndTheirFirstWeek()
    {
        Assert.Equal(BtydPopulation.ExactRepeatsUpTo, BtydPopulation.RepeatKeyOf(BtydPopulation.ExactRepeatsUpTo));
        Assert.NotEqual(BtydPopulation.RepeatKeyOf(40), BtydPopulation.RepeatKeyOf(41));
        Assert.Equal(BtydPopulation.RepeatKeyOf(1000), BtydPopulation.RepeatKeyOf(1001));
        Assert.Equal(BtydPopulation.KeyOf(new PurchaseHistory(700, 700, 0, 0)), BtydPopulation.KeyOf(new PurchaseHistory(706, 706, 0, 0)));
        Assert.NotEqual(BtydPopulation.KeyOf(new PurchaseHistory(706, 706, 0, 0)), BtydPopulation.KeyOf(new PurchaseHistory(707, 707, 0, 0)));
    }

    [Fact]
    public void AnUnknownVersionIsRefused() =>
        Assert.Contains("version 9", Assert.Throws<FormatException>(() => BtydPopulation.Unpack([9])).Message, StringComparison.Ordinal);

    private static BtydPopulation Copy(BtydPopulation population) => BtydPopulation.Unpack(population.Pack());
}
