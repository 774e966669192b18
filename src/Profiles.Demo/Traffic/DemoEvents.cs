using System.Globalization;
using System.Text.Json.Nodes;

namespace Profiles.Demo.Traffic;

/// <summary>
/// Makes the demo's Segment calls: a customer of each persona with a history across every class (prospects, new, regular
/// and champion buyers, dormant and churned customers with old orders, unhappy customers with breached tickets,
/// refunders), then live page views, purchases, refunds, surveys, tickets, feedback and social actions of them. The
/// same random seed gives the same calls; message ids are unique to the run, so a second run is not taken for a retry.
/// </summary>
public sealed class DemoEvents(int? randomSeed, int maxCustomers, TimeProvider time)
{
    private static readonly string[] Cities = ["London", "Berlin", "Paris", "Madrid", "Lisbon", "Warsaw", "Oslo", "Dublin", "Vienna", "Rome"];
    private static readonly string[] Countries = ["GB", "DE", "FR", "ES", "PT", "PL", "NO", "IE", "AT", "IT"];
    private static readonly string[] Pages = ["Home", "Pricing", "Product", "Search", "Cart", "Checkout", "Help", "Blog"];
    private static readonly string[] SocialEvents = ["Product Shared", "Comment Posted", "Referral Sent", "Content Shared"];

    private readonly Random _random = randomSeed is { } seed ? new Random(seed) : new Random();
    private readonly List<DemoCustomer> _customers = [];
    private readonly string _run = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 4));
    private long _messages;

    /// <summary>Customers made so far.</summary>
    public int Customers => _customers.Count;

    /// <summary>A new customer of a persona picked at random, and its history (an identify, page views, and what its persona did).</summary>
    public IEnumerable<JsonObject> NewCustomerWithHistory() => History(NewCustomer(PickPersona()));

    /// <summary>The calls of one live moment: mostly something an existing customer does, now and then a new prospect.</summary>
    public IEnumerable<JsonObject> Live()
    {
        var now = time.GetUtcNow();
        if (_customers.Count == 0 || (_customers.Count < maxCustomers && _random.NextDouble() < 0.04))
        {
            var prospect = NewCustomer(Persona.Prospect);
            yield return Identify(prospect, now);
            yield return Page(prospect, now);
            yield break;
        }

        var c = _customers[_random.Next(_customers.Count)];
        var roll = _random.NextDouble();
        switch (roll)
        {
            case < 0.38:
                yield return Page(c, now);
                break;
            case < 0.58:
                // Churned and dormant customers come back less often; when they do, it is a reactivation.
                if (c.Persona is Persona.Churned or Persona.Dormant && _random.NextDouble() < 0.7)
                {
                    yield return Page(c, now);
                    break;
                }
                yield return Order(c, now, c.Persona == Persona.Champion ? Amount(150, 900) : Amount(15, 250));
                if (c.Persona is Persona.Prospect or Persona.Churned or Persona.Dormant) c.Persona = Persona.Newcomer;
                break;
            case < 0.68:
                var happy = c.Persona is not Persona.Unhappy && _random.NextDouble() < 0.75;
                yield return Survey(c, now, happy ? _random.Next(4, 6) : _random.Next(1, 4), happy ? _random.Next(7, 11) : _random.Next(0, 7));
                break;
            case < 0.75:
                yield return Ticket(c, "Ticket Opened", now, breached: false);
                break;
            case < 0.81:
                if (c.OpenTickets.Count > 0) yield return Ticket(c, "Ticket Resolved", now, breached: _random.NextDouble() < 0.3);
                else yield return Page(c, now);
                break;
            case < 0.87:
                yield return Feedback(c, now, _random.NextDouble() switch { < 0.5 => "positive", < 0.75 => "neutral", _ => "negative" });
                break;
            case < 0.92:
                if (c.Orders.Count > 0) yield return Refund(c, now);
                else yield return Page(c, now);
                break;
            default:
                yield return Track(c, SocialEvents[_random.Next(SocialEvents.Length)], now);
                break;
        }
    }

    private Persona PickPersona() => _random.NextDouble() switch
    {
        < 0.12 => Persona.Prospect,
        < 0.22 => Persona.Newcomer,
        < 0.42 => Persona.Regular,
        < 0.50 => Persona.Champion,
        < 0.62 => Persona.Dormant,
        < 0.80 => Persona.Churned,
        < 0.92 => Persona.Unhappy,
        _ => Persona.Refunder,
    };

    private DemoCustomer NewCustomer(Persona persona)
    {
        var customer = new DemoCustomer($"demo-{_customers.Count + 1:D5}", persona, _random.Next(Cities.Length));
        _customers.Add(customer);
        return customer;
    }

    private IEnumerable<JsonObject> History(DemoCustomer c)
    {
        var now = time.GetUtcNow();
        yield return Identify(c, now - Days(_random.Next(1, 30)));
        for (var i = 0; i < _random.Next(1, 6); i++) yield return Page(c, now - Days(_random.NextDouble() * 20));
        switch (c.Persona)
        {
            case Persona.Prospect:
                break;
            case Persona.Newcomer:
                yield return Order(c, now - Days(_random.Next(0, 25)), Amount(20, 120));
                break;
            case Persona.Regular:
                for (var i = 0; i < _random.Next(3, 9); i++) yield return Order(c, now - Days(_random.Next(1, 330)), Amount(30, 150));
                yield return Order(c, now - Days(_random.Next(0, 40)), Amount(30, 150));
                yield return Survey(c, now - Days(_random.Next(0, 60)), _random.Next(4, 6), _random.Next(7, 11));
                break;
            case Persona.Champion:
                for (var i = 0; i < _random.Next(10, 24); i++) yield return Order(c, now - Days(_random.Next(0, 360)), Amount(150, 900));
                yield return Order(c, now - Days(_random.Next(0, 7)), Amount(200, 900));
                yield return Survey(c, now - Days(_random.Next(0, 60)), 5, _random.Next(9, 11));
                yield return Track(c, SocialEvents[_random.Next(SocialEvents.Length)], now - Days(_random.Next(0, 30)));
                yield return Track(c, "Referral Sent", now - Days(_random.Next(0, 30)));
                break;
            case Persona.Dormant:
                for (var i = 0; i < _random.Next(2, 6); i++) yield return Order(c, now - Days(_random.Next(100, 175)), Amount(25, 200));
                break;
            case Persona.Churned:
                for (var i = 0; i < _random.Next(1, 5); i++) yield return Order(c, now - Days(_random.Next(190, 700)), Amount(15, 400));
                if (_random.NextDouble() < 0.4) yield return Survey(c, now - Days(_random.Next(190, 400)), _random.Next(1, 4), _random.Next(0, 7));
                break;
            case Persona.Unhappy:
                for (var i = 0; i < _random.Next(1, 5); i++) yield return Order(c, now - Days(_random.Next(5, 200)), Amount(20, 300));
                yield return Survey(c, now - Days(_random.Next(0, 20)), _random.Next(1, 3), _random.Next(0, 5));
                yield return Ticket(c, "Ticket Opened", now - Days(_random.Next(3, 20)), breached: false);
                yield return Ticket(c, "Ticket Resolved", now - Days(_random.Next(0, 3)), breached: true);
                yield return Feedback(c, now - Days(_random.Next(0, 10)), "negative");
                break;
            case Persona.Refunder:
                for (var i = 0; i < _random.Next(2, 6); i++) yield return Order(c, now - Days(_random.Next(5, 200)), Amount(40, 400));
                yield return Refund(c, now - Days(_random.Next(0, 5)));
                break;
        }
    }

    private JsonObject Identify(DemoCustomer c, DateTimeOffset at)
    {
        var birthday = new DateOnly(_random.Next(1950, 2006), _random.Next(1, 13), _random.Next(1, 29));
        return Event("identify", c, at, traits: new JsonObject
        {
            ["email"] = $"{c.Id}@example.com",
            ["name"] = $"Demo Customer {c.Id[5..]}",
            ["birthday"] = birthday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["address"] = new JsonObject { ["city"] = Cities[c.Place], ["country"] = Countries[c.Place] },
        });
    }

    private JsonObject Page(DemoCustomer c, DateTimeOffset at)
    {
        var page = Event("page", c, at);
        page["name"] = Pages[_random.Next(Pages.Length)];
        page["context"] = new JsonObject { ["sessionId"] = $"{c.Id}-s{at.ToUnixTimeSeconds() / 1800}" };
        return page;
    }

    private JsonObject Order(DemoCustomer c, DateTimeOffset at, decimal amount)
    {
        var orderId = $"{c.Id}-o{c.Orders.Count + 1}";
        c.Orders.Add(orderId);
        return Track(c, "Order Completed", at, new JsonObject { ["order_id"] = orderId, ["revenue"] = amount, ["currency"] = "USD" });
    }

    private JsonObject Refund(DemoCustomer c, DateTimeOffset at) =>
        Track(c, "Order Refunded", at, new JsonObject { ["order_id"] = c.Orders[_random.Next(c.Orders.Count)] });

    private JsonObject Survey(DemoCustomer c, DateTimeOffset at, int csat, int nps) =>
        Track(c, "Survey Responded", at, new JsonObject { ["csat"] = csat, ["nps"] = nps });

    private JsonObject Feedback(DemoCustomer c, DateTimeOffset at, string sentiment) =>
        Track(c, "Feedback Submitted", at, new JsonObject { ["sentiment"] = sentiment });

    private JsonObject Ticket(DemoCustomer c, string kind, DateTimeOffset at, bool breached)
    {
        JsonObject properties;
        if (kind == "Ticket Opened")
        {
            var ticketId = $"{c.Id}-t{++c.Tickets}";
            c.OpenTickets.Add(ticketId);
            properties = new JsonObject { ["ticket_id"] = ticketId };
        }
        else
        {
            var ticketId = c.OpenTickets.Count > 0 ? c.OpenTickets[0] : $"{c.Id}-t{++c.Tickets}";
            c.OpenTickets.Remove(ticketId);
            properties = new JsonObject { ["ticket_id"] = ticketId, ["sla_breached"] = breached };
        }
        return Track(c, kind, at, properties);
    }

    private JsonObject Track(DemoCustomer c, string name, DateTimeOffset at, JsonObject? properties = null)
    {
        var track = Event("track", c, at);
        track["event"] = name;
        track["properties"] = properties ?? new JsonObject();
        return track;
    }

    private JsonObject Event(string type, DemoCustomer c, DateTimeOffset at, JsonObject? traits = null)
    {
        var e = new JsonObject
        {
            ["type"] = type,
            ["userId"] = c.Id,
            ["messageId"] = $"demo-{_run}-{++_messages}",
            ["timestamp"] = at.ToString("O", CultureInfo.InvariantCulture),
        };
        if (traits is not null) e["traits"] = traits;
        return e;
    }

    private decimal Amount(int from, int to) => Math.Round((decimal)(from + (_random.NextDouble() * (to - from))), 2);

    private static TimeSpan Days(double days) => TimeSpan.FromDays(days);
}
