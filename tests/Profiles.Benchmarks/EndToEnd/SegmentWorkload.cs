using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Profiles.Benchmarks.EndToEnd;

/// <summary>
/// Pre-generated Segment <c>/v1/batch</c> bodies of a shop's event mix, customers drawn with Zipf skew. Each body is a
/// template with a fixed-width stamp in every message, order and ticket id; <see cref="Next"/> copies a template and
/// writes a new stamp into it, so every request carries unique ids at the cost of one memory copy on the client.
/// </summary>
/// <remarks>
/// The mix, in the event names the Segment mapping understands (<c>SegmentIngestion</c>): 70% clickstream (page, screen,
/// <c>Product Viewed</c>, <c>Product Added</c>, <c>Products Searched</c>, a few shares), 15% <c>Order Completed</c> with
/// revenue and products, 5% <c>Order Refunded</c> (of an order of the same customer when it has one), 10% satisfaction:
/// <c>Survey Responded</c> (csat, nps), <c>Ticket Opened</c> / <c>Ticket Resolved</c>, <c>Feedback Submitted</c>,
/// <c>Product Reviewed</c>. Events are dated over the past year so that every lifecycle stage and RFM cell occurs.
/// </remarks>
internal sealed class SegmentWorkload
{
    private const string Placeholder = "##########";
    private static readonly byte[] PlaceholderBytes = Encoding.ASCII.GetBytes(Placeholder);
    private static readonly string[] Pages = ["Home", "Pricing", "Category", "Search", "Checkout", "Account", "Help"];
    private static readonly string[] ClickEvents = ["Product Viewed", "Product Viewed", "Product Added", "Products Searched", "Product List Viewed", "Product Shared"];

    private static long _stamp;

    private readonly (byte[] Body, int[] Offsets)[] _templates;
    private int _next;

    private SegmentWorkload((byte[] Body, int[] Offsets)[] templates, int eventsPerRequest, double customersPerRequest)
    {
        _templates = templates;
        EventsPerRequest = eventsPerRequest;
        CustomersPerRequest = customersPerRequest;
    }

    public int EventsPerRequest { get; }

    /// <summary>Distinct customers in a request, on average: each is one grain call (and, alone, one write).</summary>
    public double CustomersPerRequest { get; }

    public int Templates => _templates.Length;

    /// <summary>Generates <paramref name="templates"/> bodies of <paramref name="eventsPerRequest"/> events.</summary>
    public static SegmentWorkload Create(int templates, int eventsPerRequest, int customers, double skew, int seed)
    {
        var random = new Random(seed);
        var zipf = new ZipfSampler(customers, skew);
        var now = DateTimeOffset.UtcNow;
        var bodies = new (byte[], int[])[templates];
        long distinct = 0;
        for (var t = 0; t < templates; t++)
        {
            var seen = new HashSet<int>();
            var body = Body(t, eventsPerRequest, () =>
            {
                var customer = zipf.Next(random);
                seen.Add(customer);
                return customer;
            }, random, now);
            bodies[t] = (body, Offsets(body));
            distinct += seen.Count;
        }
        return new SegmentWorkload(bodies, eventsPerRequest, (double)distinct / templates);
    }

    /// <summary>A body with new ids (unique in this process).</summary>
    public byte[] Next()
    {
        var index = (int)((uint)Interlocked.Increment(ref _next) % (uint)_templates.Length);
        var (template, offsets) = _templates[index];
        var body = (byte[])template.Clone();
        var stamp = Interlocked.Increment(ref _stamp);
        Span<byte> digits = stackalloc byte[Placeholder.Length];
        if (!stamp.TryFormat(digits, out _, "D10", CultureInfo.InvariantCulture)) throw new InvalidOperationException("Stamp overflow.");
        foreach (var offset in offsets) digits.CopyTo(body.AsSpan(offset));
        return body;
    }

    /// <summary>One <c>Order Completed</c> for a customer that has no profile yet: its lifecycle class becomes "new".</summary>
    public static byte[] FirstOrder(string customerId, string messageId)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteStartArray("batch");
            json.WriteStartObject();
            json.WriteString("type", "track");
            json.WriteString("event", "Order Completed");
            json.WriteString("userId", customerId);
            json.WriteString("messageId", messageId);
            json.WriteString("timestamp", DateTimeOffset.UtcNow);
            json.WriteStartObject("properties");
            json.WriteString("order_id", "order-" + messageId);
            json.WriteNumber("revenue", 42.5m);
            json.WriteString("currency", "USD");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return stream.ToArray();
    }

    private static byte[] Body(int template, int events, Func<int> nextCustomer, Random random, DateTimeOffset now)
    {
        // Orders and tickets per customer within this body, so that a refund or resolution refers to one that exists.
        var orders = new Dictionary<int, string>();
        var tickets = new Dictionary<int, string>();
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("sentAt", now);
            json.WriteStartArray("batch");
            for (var e = 0; e < events; e++)
            {
                var customer = nextCustomer();
                var id = $"{Placeholder}-{e.ToString(CultureInfo.InvariantCulture)}";
                var at = now.AddSeconds(-random.Next(0, 365 * 24 * 3600));
                json.WriteStartObject();
                json.WriteString("userId", "c-" + customer.ToString(CultureInfo.InvariantCulture));
                json.WriteString("messageId", "m-" + id);
                json.WriteString("timestamp", at);
                var roll = random.Next(100);
                if (roll < 70) Click(json, random, template, customer);
                else if (roll < 85)
                {
                    var order = "o-" + id;
                    orders[customer] = order;
                    Track(json, "Order Completed");
                    json.WriteString("order_id", order);
                    var products = random.Next(1, 4);
                    var revenue = 0m;
                    json.WriteStartArray("products");
                    for (var p = 0; p < products; p++)
                    {
                        var price = random.Next(5, 200) + 0.99m;
                        revenue += price;
                        json.WriteStartObject();
                        json.WriteString("product_id", "p-" + random.Next(5000).ToString(CultureInfo.InvariantCulture));
                        json.WriteNumber("price", price);
                        json.WriteNumber("quantity", 1);
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                    json.WriteNumber("revenue", revenue);
                    json.WriteString("currency", random.Next(10) == 0 ? "EUR" : "USD");
                    json.WriteEndObject();
                }
                else if (roll < 90)
                {
                    Track(json, "Order Refunded");
                    json.WriteString("order_id", orders.TryGetValue(customer, out var order) ? order : "o-" + id);
                    json.WriteNumber("total", random.Next(5, 100));
                    json.WriteEndObject();
                }
                else Satisfaction(json, random, id, customer, tickets);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return stream.ToArray();
    }

    private static void Click(Utf8JsonWriter json, Random random, int template, int customer)
    {
        var kind = random.Next(10);
        if (kind < 3)
        {
            json.WriteString("type", kind < 2 ? "page" : "screen");
            json.WriteString("name", Pages[random.Next(Pages.Length)]);
            json.WriteStartObject("properties");
            json.WriteString("path", "/" + Pages[random.Next(Pages.Length)].ToLowerInvariant());
            json.WriteString("referrer", "https://www.example.com/");
            json.WriteEndObject();
        }
        else
        {
            Track(json, ClickEvents[random.Next(ClickEvents.Length)]);
            json.WriteString("product_id", "p-" + random.Next(5000).ToString(CultureInfo.InvariantCulture));
            json.WriteString("category", "Shoes");
            json.WriteNumber("price", random.Next(5, 200) + 0.99m);
            json.WriteEndObject();
        }
        json.WriteStartObject("context");
        json.WriteString("sessionId", $"s-{customer.ToString(CultureInfo.InvariantCulture)}-{(template / 20).ToString(CultureInfo.InvariantCulture)}");
        json.WriteString("userAgent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36");
        json.WriteStartObject("library");
        json.WriteString("name", "analytics.js");
        json.WriteString("version", "5.2.0");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Satisfaction(Utf8JsonWriter json, Random random, string id, int customer, Dictionary<int, string> tickets)
    {
        switch (random.Next(5))
        {
            case 0:
                Track(json, "Survey Responded");
                json.WriteNumber("csat", random.Next(1, 6));
                json.WriteNumber("nps", random.Next(0, 11));
                break;
            case 1:
                Track(json, "Ticket Opened");
                var ticket = "t-" + id;
                tickets[customer] = ticket;
                json.WriteString("ticket_id", ticket);
                break;
            case 2:
                Track(json, "Ticket Resolved");
                json.WriteString("ticket_id", tickets.TryGetValue(customer, out var open) ? open : "t-" + id);
                json.WriteBoolean("sla_breached", random.Next(5) == 0);
                break;
            case 3:
                Track(json, "Feedback Submitted");
                json.WriteString("sentiment", random.Next(3) switch { 0 => "positive", 1 => "neutral", _ => "negative" });
                break;
            default:
                Track(json, "Product Reviewed");
                json.WriteNumber("rating", random.Next(1, 6));
                json.WriteString("product_id", "p-" + random.Next(5000).ToString(CultureInfo.InvariantCulture));
                break;
        }
        json.WriteEndObject();
    }

    /// <summary>Writes <c>"type": "track", "event": name, "properties": {</c>; the caller closes the properties.</summary>
    private static void Track(Utf8JsonWriter json, string name)
    {
        json.WriteString("type", "track");
        json.WriteString("event", name);
        json.WriteStartObject("properties");
    }

    private static int[] Offsets(byte[] body)
    {
        var offsets = new List<int>();
        var span = body.AsSpan();
        for (var at = span.IndexOf(PlaceholderBytes); at >= 0;)
        {
            offsets.Add(at);
            var next = span[(at + PlaceholderBytes.Length)..].IndexOf(PlaceholderBytes);
            at = next < 0 ? -1 : at + PlaceholderBytes.Length + next;
        }
        return [.. offsets];
    }
}
