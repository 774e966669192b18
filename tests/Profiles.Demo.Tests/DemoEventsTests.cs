using System.Text.Json.Nodes;
using Profiles.Demo.Traffic;

namespace Profiles.Demo.Tests;

/// <summary>The generated stream: repeatable for a random seed, never repeating a message id.</summary>
public sealed class DemoEventsTests
{
    private static readonly TimeProvider Clock = new FixedClock(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void TheSameRandomSeedGivesTheSameCustomersAndEventsWithMessageIdsOfTheirOwn()
    {
        var first = Run(new DemoEvents(7, 2000, Clock));
        var second = Run(new DemoEvents(7, 2000, Clock));

        Assert.Equal(first.Select(WithoutMessageId), second.Select(WithoutMessageId));
        var ids = first.Concat(second).Select(e => (string)e["messageId"]!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    private static List<JsonObject> Run(DemoEvents events) =>
        [.. Enumerable.Range(0, 50).SelectMany(_ => events.NewCustomerWithHistory()), .. Enumerable.Range(0, 500).SelectMany(_ => events.Live())];

    private static string WithoutMessageId(JsonObject e)
    {
        var copy = e.DeepClone().AsObject();
        copy.Remove("messageId");
        return copy.ToJsonString();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
