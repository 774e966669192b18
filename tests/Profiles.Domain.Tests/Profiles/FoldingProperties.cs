using CsCheck;
using Profiles.Domain.Classification;
using Profiles.Domain.Events;
using Profiles.Domain.Profiles;

namespace Profiles.Domain.Tests.Profiles;

/// <summary>Properties of folding random event sequences of one customer into a profile.</summary>
public sealed class FoldingProperties
{
    private const int Iterations = 300;

    [Fact]
    public void FoldingIsIndependentOfArrivalOrder() =>
        CustomerEventGen.SequenceAndPermutation().Sample((events, permuted) =>
        {
            Assert.Equal(ProfileProjection.Observe(Fold(events)), ProfileProjection.Observe(Fold(permuted)));
        }, iter: Iterations);

    [Fact]
    public void ClassifyingWithoutReasonsGivesTheSameClasses() =>
        CustomerEventGen.Sequence().Sample(events =>
        {
            var profile = Fold(events);
            var explained = ProfileClassifier.Default.Classify(profile, CustomerEventGen.Now);
            var bare = ProfileClassifier.Default.Classify(profile, CustomerEventGen.Now, explain: false);

            Assert.Equal(explained.Select(a => (a.Dimension, a.Value)), bare.Select(a => (a.Dimension, a.Value)));
            // No reason text is made: empty, or the same constant as the explained one (e.g. "known, no order yet").
            Assert.All(bare.Zip(explained), p => Assert.True(p.First.Reason.Length == 0 || ReferenceEquals(p.First.Reason, p.Second.Reason), p.Second.Reason));
            Assert.All(explained, a => Assert.NotEqual("", a.Reason));
        }, iter: Iterations);

    [Fact]
    public void ApplyingAnEventAgainChangesNothingAndReportsDuplicate() =>
        CustomerEventGen.Sequence(minEvents: 1).SelectMany(events => Gen.Select(
                Gen.Shuffle(events.ToArray()),
                Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue]).Array[1, 60],
                (shuffled, repeats) => (events, shuffled, repeats)))
        .Sample((events, shuffled, repeats) =>
        {
            // The same event objects re-inserted anywhere in the arrival order, some of them several times.
            var arrivals = shuffled.ToList();
            foreach (var (which, where) in repeats) arrivals.Insert(where % (arrivals.Count + 1), events[which % events.Length]);

            var profile = CustomerProfile.Create("customer-1");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var e in arrivals)
            {
                var expected = seen.Add(e.MessageId) ? ApplyOutcome.Applied : ApplyOutcome.Duplicate;
                Assert.Equal(expected, profile.Apply(e));
            }

            Assert.Equal(events.Length, profile.EventsApplied);
            Assert.Equal(ProfileProjection.Observe(Fold(events)), ProfileProjection.Observe(profile));
        }, iter: Iterations);

    [Fact]
    public void FoldingInTwoHalvesEqualsFoldingAll() =>
        CustomerEventGen.Sequence().SelectMany(events => Gen.Int[0, events.Length].Select(split => (events, split)))
        .Sample((events, split) =>
        {
            var all = Fold(events);
            all.Reclassify(ProfileClassifier.Default, CustomerEventGen.Now, causedBy: null);

            // The first half is folded and classified (as a grain does before it persists), then the rest arrives.
            var incremental = Fold(events[..split]);
            incremental.Reclassify(ProfileClassifier.Default, CustomerEventGen.Midway, causedBy: events.ElementAtOrDefault(split - 1)?.MessageId);
            foreach (var e in events[split..]) Assert.Equal(ApplyOutcome.Applied, incremental.Apply(e));
            incremental.Reclassify(ProfileClassifier.Default, CustomerEventGen.Now, causedBy: events.LastOrDefault()?.MessageId);

            Assert.Equal(ProfileProjection.Observe(all), ProfileProjection.Observe(incremental));
            Assert.Equal(ClassValues(all), ClassValues(incremental));
        }, iter: Iterations);

    private static CustomerProfile Fold(IEnumerable<CustomerEvent> events)
    {
        var profile = CustomerProfile.Create("customer-1");
        foreach (var e in events) Assert.Equal(ApplyOutcome.Applied, profile.Apply(e));
        return profile;
    }

    private static string ClassValues(CustomerProfile profile) =>
        string.Join(", ", profile.Classes.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value.Value}"));
}
