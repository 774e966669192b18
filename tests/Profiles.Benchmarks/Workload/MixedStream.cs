using System.Globalization;
using Profiles.Domain.Events;

namespace Profiles.Benchmarks.Workload;

/// <summary>
/// The mixed event stream of a shop, as domain events (what <c>SegmentIngestion</c> makes of Segment calls): about 70%
/// clickstream (page and screen views, tracked product views), 15% orders, 5% refunds of the customer's own orders and
/// 10% surveys, support tickets and feedback, at times within <c>spread</c> before <c>now</c>. Deterministic for a seed.
/// </summary>
internal sealed class MixedStream(int seed, DateTimeOffset now, TimeSpan spread)
{
    private static readonly string[] Pages = ["Home", "Pricing", "Search", "Category", "Product", "Cart", "Checkout", "Help"];
    private static readonly string[] Screens = ["Home", "Product", "Cart", "Account"];

    private readonly Random _random = new(seed);
    private readonly Dictionary<int, int> _orders = [];
    private readonly Dictionary<int, int> _tickets = [];

    /// <summary>The next event of customer <paramref name="customer"/>.</summary>
    public CustomerEvent Next(int customer)
    {
        var id = MessageId();
        var at = now - TimeSpan.FromSeconds(_random.NextDouble() * spread.TotalSeconds);
        var roll = _random.Next(100);
        return roll switch
        {
            < 30 => new EngagementRecorded { MessageId = id, Timestamp = at, Engagement = EngagementKind.Page, Name = Pick(Pages), SessionId = Session(customer) },
            < 45 => new EngagementRecorded { MessageId = id, Timestamp = at, Engagement = EngagementKind.Screen, Name = Pick(Screens), SessionId = Session(customer) },
            < 70 => new EngagementRecorded { MessageId = id, Timestamp = at, Engagement = EngagementKind.Track, Name = "Product Viewed", SessionId = Session(customer) },
            < 85 => Order(customer, id, at),
            < 90 => Refund(customer, id, at),
            < 94 => new SurveyResponded { MessageId = id, Timestamp = at, Csat = 1 + _random.Next(5), Nps = _random.Next(2) == 0 ? _random.Next(11) : null },
            < 97 => Ticket(customer, id, at),
            _ => new FeedbackSubmitted { MessageId = id, Timestamp = at, Sentiment = (Sentiment)(_random.Next(3) - 1) },
        };
    }

    private OrderCompleted Order(int customer, string id, DateTimeOffset at)
    {
        var count = _orders[customer] = _orders.GetValueOrDefault(customer) + 1;
        var amount = Math.Round(5m + (decimal)(_random.NextDouble() * 300), 2);
        return new OrderCompleted
        {
            MessageId = id, Timestamp = at, OrderId = OrderId(customer, count), Revenue = amount, OriginalAmount = amount, Currency = "EUR",
        };
    }

    /// <summary>A refund of one of the customer's orders (of its first, still to come, when it has none yet), partial or full.</summary>
    private OrderRefunded Refund(int customer, string id, DateTimeOffset at)
    {
        var orders = _orders.GetValueOrDefault(customer);
        var order = orders == 0 ? 1 : 1 + _random.Next(orders);
        decimal? amount = _random.Next(2) == 0 ? Math.Round(1m + (decimal)(_random.NextDouble() * 20), 2) : null;
        return new OrderRefunded { MessageId = id, Timestamp = at, OrderId = OrderId(customer, order), Amount = amount };
    }

    /// <summary>Opens the customer's next ticket, or resolves the one open (now and then after its SLA).</summary>
    private CustomerEvent Ticket(int customer, string id, DateTimeOffset at)
    {
        var tickets = _tickets.GetValueOrDefault(customer);
        if (tickets > 0 && _random.Next(2) == 0)
        {
            return new TicketResolved { MessageId = id, Timestamp = at, TicketId = TicketId(customer, tickets), SlaBreached = _random.Next(5) == 0 };
        }

        _tickets[customer] = tickets + 1;
        return new TicketOpened { MessageId = id, Timestamp = at, TicketId = TicketId(customer, tickets + 1) };
    }

    private string Pick(string[] names) => names[_random.Next(names.Length)];

    /// <summary>One of a handful of sessions a customer has.</summary>
    private string Session(int customer) => string.Create(CultureInfo.InvariantCulture, $"s-{customer}-{_random.Next(4)}");

    /// <summary>A random GUID, as SDKs assign message ids (36 characters).</summary>
    private string MessageId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    private static string OrderId(int customer, int n) => string.Create(CultureInfo.InvariantCulture, $"o-{customer}-{n}");

    private static string TicketId(int customer, int n) => string.Create(CultureInfo.InvariantCulture, $"t-{customer}-{n}");
}
