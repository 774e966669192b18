using System.Globalization;
using Profiles.Benchmarks.Workload;
using Profiles.Domain.Classification;
using Profiles.Domain.Profiles;
using Profiles.Domain.Profiles.Packing;

namespace Profiles.Benchmarks.Memory;

/// <summary>
/// The heap a customer's profile holds, part by part, measured without a heap dump: profiles folded as the grain folds
/// them (the same events as the memory run), kept in an array, then one part at a time replaced in every profile by one
/// shared empty instance — what the heap gives back is that part's size. The rest is the profile object, its id and its
/// empty members.
/// </summary>
internal static class ProfileFootprint
{
    /// <summary>Bytes per profile: the whole, then each part by name.</summary>
    public static IReadOnlyList<(string Part, double Bytes)> Measure(int profiles, int eventsPerCustomer, DateTimeOffset now)
    {
        var classifier = ProfileClassifier.Default;
        var stream = new MixedStream(seed: 1, now, spread: TimeSpan.FromDays(365));
        var before = MemorySample.Take();
        var all = new CustomerProfile[profiles];
        for (var i = 0; i < profiles; i++)
        {
            var profile = CustomerProfile.Create("customer-" + i.ToString(CultureInfo.InvariantCulture));
            for (var e = 0; e < eventsPerCustomer; e++)
            {
                var next = stream.Next(i);
                profile.Apply(next);
                profile.Reclassify(classifier, now, next.MessageId);
            }

            all[i] = profile;
        }

        // As an idle customer without history chunks is kept between calls: its row's two packed parts.
        var packed = all.Average(p => (double)ProfileCodec.Facts(p).Length + ProfileCodec.Changes(p).Length + 2 * 24);
        var changes = all.Average(p => (double)ProfileCodec.Changes(p).Length);
        var noClasses = new Dictionary<string, ClassState>(StringComparer.Ordinal);
        var classes = all.Average(p =>
        {
            var (withClasses, kept) = (ProfileCodec.Facts(p).Length, p.Classes);
            p.Classes = noClasses;
            var without = ProfileCodec.Facts(p).Length;
            p.Classes = kept;
            return (double)(withClasses - without);
        });

        var whole = MemorySample.Take().Heap;
        var parts = new List<(string Part, double Bytes)>
        {
            ("whole profile, expanded", (whole - before.Heap) / (double)profiles),
            ("whole profile, packed (facts and pending changes, as an idle small customer is kept)", packed),
            ("… packed: the classes of the facts", classes),
            ("… packed: pending history changes (message ids, timeline, orders, sessions)", changes),
        };
        var last = whole;
        void Part(string name, Action<CustomerProfile> empty)
        {
            foreach (var profile in all) empty(profile);
            var heap = MemorySample.Take().Heap;
            parts.Add((name, (last - heap) / (double)profiles));
            last = heap;
        }

        var emptyClasses = new Dictionary<string, ClassState>(StringComparer.Ordinal);
        var emptyWindow = new MessageIdWindow();
        var emptyTimeline = new List<TimelineEntry>();
        var emptyOrders = new Dictionary<string, OrderRecord>(StringComparer.Ordinal);
        var emptySatisfaction = new SatisfactionFacts();
        var emptyEngagement = new EngagementFacts();
        Part("classes (value, since, cause per dimension)", p => p.Classes = emptyClasses);
        Part("applied message ids (dedup window)", p => p.AppliedMessages = emptyWindow);
        Part("timeline", p => p.Timeline = emptyTimeline);
        Part("orders", p => p.Orders = emptyOrders);
        Part("satisfaction facts and tickets", p => p.Satisfaction = emptySatisfaction);
        Part("engagement facts and sessions", p => p.Engagement = emptyEngagement);
        parts.Add(("the rest: profile object, id, empty members", (last - before.Heap) / (double)profiles));
        GC.KeepAlive(all);
        return parts;
    }
}
