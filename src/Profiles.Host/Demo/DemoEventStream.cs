using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Profiles.Abstractions.Grains;
using Profiles.Domain.Segment;
using Profiles.Grains.Diagnostics;
using Profiles.Grains.Hosting;

namespace Profiles.Host.Demo;

/// <summary>
/// Demo mode: seeds customers with a history across every class (prospects, new, loyal and champion buyers, dormant and
/// churned ones, unhappy customers with breached tickets, refunders) and then keeps a live stream of page views,
/// purchases, refunds, surveys, tickets and feedback flowing. Events go through the same Segment reading and customer
/// grains as <c>POST /v1/batch</c>, so everything downstream (classes, statistics, the hub) sees real traffic.
/// </summary>
public sealed partial class DemoEventStream(
    IOptions<DemoOptions> options, SegmentIngestion ingestion, IGrainFactory grains, ProfileClock time, ProfilesMetrics metrics,
    ILogger<DemoEventStream> logger) : BackgroundService
{
    private const int SeedBatchEvents = 400;

    private static readonly string[] Cities = ["London", "Berlin", "Paris", "Madrid", "Lisbon", "Warsaw", "Oslo", "Dublin", "Vienna", "Rome"];
    private static readonly string[] Countries = ["GB", "DE", "FR", "ES", "PT", "PL", "NO", "IE", "AT", "IT"];
    private static readonly string[] Pages = ["Home", "Pricing", "Product", "Search", "Cart", "Checkout", "Help", "Blog"];
    private static readonly string[] SocialEvents = ["Product Shared", "Comment Posted", "Referral Sent", "Content Shared"];

    private readonly DemoOptions _options = options.Value;
    private readonly Random _random = options.Value.RandomSeed is { } seed ? new Random(seed) : new Random();
    private readonly List<DemoCustomer> _customers = [];
    private long _messages;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogStarting(_options.SeedCustomers, _options.EventsPerSecond);
        try
        {
            // Let the silo finish starting before the first grain calls.
            await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            var seed = new List<JsonObject>();
            for (var i = 0; i < _options.SeedCustomers; i++)
            {
                var customer = NewCustomer(PickPersona());
                seed.AddRange(History(customer));
                if (seed.Count >= SeedBatchEvents)
                {
                    await SendAsync(seed, stoppingToken);
                    seed.Clear();
                }
            }
            await SendAsync(seed, stoppingToken);

            var tick = TimeSpan.FromMilliseconds(250);
            var perTick = _options.EventsPerSecond * tick.TotalSeconds;
            var carry = 0.0;
            using var timer = new PeriodicTimer(tick);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                carry += perTick;
                var count = (int)carry;
                carry -= count;
                var batch = new List<JsonObject>(count);
                for (var i = 0; i < count; i++) batch.AddRange(LiveEvents());
                await SendAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(List<JsonObject> events, CancellationToken cancellation)
    {
        if (events.Count == 0) return;
        var body = JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["batch"] = new JsonArray([.. events]) });
        try
        {
            var plan = ingestion.ReadBatch(body, time.GetUtcNow());
            var results = await Task.WhenAll(plan.Accepted
                .GroupBy(a => a.CustomerId, StringComparer.Ordinal)
                .Select(g => grains.GetGrain<ICustomerGrain>(g.Key).ApplyAsync([.. g.Select(a => a.Event)])));
            metrics.EventsIngested(plan.Accepted.Count, results.Sum(r => r.Duplicates), plan.Rejected.Count);
            if (plan.Rejected.Count > 0) LogRejected(plan.Rejected.Count, plan.Rejected[0].Reason);
        }
        catch (Exception e) when (!cancellation.IsCancellationRequested)
        {
            // A demo keeps going through storage hiccups; the next tick tries again.
            LogSendFailed(e, events.Count);
        }
    }

    private Persona PickPersona()
    {
        var roll = _random.NextDouble();
        return roll switch
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
    }

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

    private IEnumerable<JsonObject> LiveEvents()
    {
        var now = time.GetUtcNow();
        if (_customers.Count == 0 || (_customers.Count < _options.MaxCustomers && _random.NextDouble() < 0.04))
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
            ["messageId"] = $"demo-{Environment.ProcessId}-{Interlocked.Increment(ref _messages)}",
            ["timestamp"] = at.ToString("O", CultureInfo.InvariantCulture),
        };
        if (traits is not null) e["traits"] = traits;
        return e;
    }

    private decimal Amount(int from, int to) => Math.Round((decimal)(from + (_random.NextDouble() * (to - from))), 2);

    private static TimeSpan Days(double days) => TimeSpan.FromDays(days);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo mode: seeding {Customers} customers, then about {Rate} events per second")]
    private partial void LogStarting(int customers, double rate);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo mode: {Count} generated events were rejected, e.g. {Reason}")]
    private partial void LogRejected(int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo mode: could not apply {Count} generated events; continuing")]
    private partial void LogSendFailed(Exception exception, int count);

    private enum Persona
    {
        Prospect,
        Newcomer,
        Regular,
        Champion,
        Dormant,
        Churned,
        Unhappy,
        Refunder,
    }

    private sealed class DemoCustomer(string id, Persona persona, int place)
    {
        public string Id { get; } = id;

        public Persona Persona { get; set; } = persona;

        public int Place { get; } = place;

        public List<string> Orders { get; } = [];

        public List<string> OpenTickets { get; } = [];

        public int Tickets { get; set; }
    }
}
