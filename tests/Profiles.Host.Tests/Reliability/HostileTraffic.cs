using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Reliability;

/// <summary>
/// Generates a reproducible stream of hostile requests from a seed: valid Segment events mutated field by field (wrong
/// types, hostile ids, amounts and timestamps), garbage and oversized bodies, bad gzip, wrong content types and
/// credentials at every ingest path, hostile ids and queries at every <c>/api</c> route, and junk at the hub's transport.
/// </summary>
public sealed class HostileTraffic
{
    public static readonly string[] SinglePaths = ["/v1/track", "/v1/identify", "/v1/page", "/v1/screen", "/v1/alias", "/v1/group"];

    private const int MaxRequestBytes = 500 * 1024;

    private readonly Random _random;
    private readonly HostileValues _values;
    private readonly IReadOnlyList<string> _guarded;
    private readonly IReadOnlyList<string> _open;
    private readonly IReadOnlyList<string> _controls;
    private readonly IReadOnlyList<(string Method, string Route)> _apiRoutes;
    private readonly string _prefix;
    private int _sequence;

    /// <param name="seed">Everything generated follows from it.</param>
    /// <param name="guarded">Known customers that get only mutations the documented rules reject.</param>
    /// <param name="open">Known customers that get any mutation.</param>
    /// <param name="controls">Customers that get only valid orders, mixed into the same batches.</param>
    /// <param name="apiRoutes">The routes of the app to send hostile route values and queries to (method and pattern), from its endpoint data source.</param>
    public HostileTraffic(int seed, IReadOnlyList<string> guarded, IReadOnlyList<string> open, IReadOnlyList<string> controls,
        IReadOnlyList<(string Method, string Route)> apiRoutes)
    {
        _random = new Random(seed);
        _values = new HostileValues(_random);
        _guarded = guarded;
        _open = open;
        _controls = controls;
        _apiRoutes = apiRoutes;
        _prefix = $"fz{seed}";
    }

    /// <summary>Ids of customers no event was meant for before (they must stay unknown unless an event for them is kept).</summary>
    public string FreshId() => $"{_prefix}-fresh-{_sequence++}";

    /// <summary>The next request.</summary>
    public FuzzRequest Next() => _random.Next(100) switch
    {
        < 45 => Batch(),
        < 60 => Single(),
        < 70 => GarbageBody(),
        < 74 => Oversized(),
        < 78 => BadEncodingOrContentType(),
        < 81 => BadCredentials(),
        < 95 => ApiRoute(),
        _ => HubTransport(),
    };

    private FuzzRequest Batch()
    {
        var doc = new RawJson();
        var batch = new JsonArray();
        var mustReject = new Dictionary<int, string>();
        var controls = new Dictionary<int, (string, decimal)>();
        var count = 1 + _random.Next(8);
        var controlAt = _random.Next(count + 1);
        for (var i = 0; i <= count; i++)
        {
            if (i == controlAt)
            {
                var customer = _values.Pick(_controls);
                var revenue = 1 + _random.Next(100);
                controls[i] = (customer, revenue);
                batch.Add(Segment.Order(customer, $"{_prefix}-o-{_sequence++}", revenue, messageId: $"{_prefix}-ctl-{_sequence++}"));
            }
            else if (_random.Next(3) == 0)
            {
                var (item, mutation) = Guarded(doc);
                mustReject[i] = mutation;
                batch.Add(item);
            }
            else
            {
                batch.Add(Open(doc, type: null));
            }
        }
        var body = new JsonObject { ["batch"] = batch };
        // The batch's sentAt corrects every event's timestamp for clock skew (a client at 9999 sending "now" is right):
        // only batches without must-reject events get a hostile one, so those stay out of range as sent.
        if (mustReject.Count == 0 && _random.Next(6) == 0) body["sentAt"] = _values.Time(doc);
        if (_random.Next(8) == 0) body["context"] = _values.Any(doc);
        return new FuzzRequest("mutated batch", HttpMethod.Post, "/v1/batch", doc.Render(body))
        {
            IsBatch = true, MustReject = mustReject, Controls = controls,
        };
    }

    private FuzzRequest Single()
    {
        var doc = new RawJson();
        var path = _values.Pick(SinglePaths);
        if (path == "/v1/track" && _random.Next(3) == 0)
        {
            var (item, mutation) = Guarded(doc);
            item?.AsObject().Remove("type");
            return new FuzzRequest("guarded single", HttpMethod.Post, path, doc.Render(item))
            {
                IsBatch = false, MustReject = new Dictionary<int, string> { [0] = mutation },
            };
        }
        var call = Open(doc, path[4..]);
        if (call is JsonObject o && _random.Next(2) == 0) o.Remove("type");
        return new FuzzRequest("mutated single", HttpMethod.Post, path, doc.Render(call)) { IsBatch = false };
    }

    /// <summary>A valid order of a guarded customer with one mutation the rules reject.</summary>
    private (JsonNode? Item, string Mutation) Guarded(RawJson doc)
    {
        var item = Segment.Order(_values.Pick(_guarded), $"{_prefix}-g-{_sequence++}", 10m, messageId: $"{_prefix}-gm-{_sequence++}",
            at: DateTimeOffset.UtcNow.AddHours(-1), currency: "EUR");
        var properties = item["properties"]!.AsObject();
        var (field, value) = _random.Next(12) switch
        {
            0 => ("properties.revenue", _values.Pick<Func<JsonNode?>>(
            [
                () => -1, () => -0.01m, () => "-5", () => doc.Part("100000000.01"), () => doc.Part("1e400"), () => doc.Part("-1e400"),
                () => "NaN", () => "Infinity", () => "-Infinity", () => "1e400", () => true, () => new JsonArray(), () => new JsonObject(),
                () => "", () => "ten", () => doc.Part("NaN"), () => doc.Part("Infinity"), () => doc.Part("79228162514264337593543950336"),
            ])()),
            1 => ("properties.order_id", _values.Pick<Func<JsonNode?>>(
            [
                () => "", () => null, () => $"o{_values.Pick(HostileValues.Controls)}", () => new string('o', 257), () => doc.Part("1.5"),
                () => true, () => new JsonArray(), () => new JsonObject(), () => doc.Part("\"\\ud800\""), () => doc.Part("9223372036854775808"),
            ])()),
            2 => ("properties.currency", _values.Pick<Func<JsonNode?>>(
            [
                () => "XXX", () => "", () => 5, () => true, () => "EURO", () => "€", () => new JsonArray(), () => doc.Part("\"\\udc00\""),
                () => doc.Part(new byte[] { 0x22, 0xFF, 0x22 }),
            ])()),
            3 => ("properties", _values.Pick<Func<JsonNode?>>([() => new JsonArray(), () => "x", () => 5, () => true])()),
            4 => ("timestamp", _values.Pick<Func<JsonNode?>>(
            [
                () => "0001-01-01T00:00:00Z", () => "9999-12-31T23:59:59.9999999Z", () => "yesterday", () => "", () => 1_700_000_000,
                () => true, () => "2024-02-30T00:00:00Z", () => new JsonObject(), () => DateTimeOffset.UtcNow.AddDays(-3700).ToString("O"),
                () => DateTimeOffset.UtcNow.AddDays(3).ToString("O"),
            ])()),
            5 => ("sentAt", _values.Pick<Func<JsonNode?>>([() => "0001-01-01T00:00:00Z", () => "9999-12-31T23:59:59Z", () => "nonsense", () => 5])()),
            6 => ("messageId", _values.Pick<Func<JsonNode?>>(
            [
                () => new string('m', 101), () => $"m{_values.Pick(HostileValues.Controls)}", () => true, () => new JsonArray(),
                () => new JsonObject(), () => doc.Part("1.5"), () => doc.Part("\"m\\udbff\""),
            ])()),
            7 => ("event", _values.Pick<Func<JsonNode?>>([() => "", () => 5, () => true, () => new JsonArray(), () => new string('e', 201)])()),
            8 => ("properties.padding", JsonValue.Create(new string('p', 33 * 1024))),
            9 => ("userId+anonymousId", null),
            10 => ("properties.products", doc.Part(HostileValues.DeepArrays(70))),
            _ => ("properties.revenue", JsonValue.Create(-1 - _random.Next(1000))),
        };
        if (field == "userId+anonymousId")
        {
            // Neither id: the event belongs to nobody.
            item.Remove("userId");
            if (_random.Next(2) == 0) item["anonymousId"] = _values.Pick<string>(["", "\u0001", new string('a', 257)]);
            return (item, "no usable userId or anonymousId");
        }
        if (field.StartsWith("properties.", StringComparison.Ordinal)) properties[field["properties.".Length..]] = value;
        else item[field] = value;
        return (item, $"{field} = {Describe(value)}");
    }

    /// <summary>A valid call of some type for a known or fresh customer, with zero to three fields mutated to anything.</summary>
    private JsonNode? Open(RawJson doc, string? type)
    {
        if (_random.Next(25) == 0) return _values.Any(doc);
        var customer = _random.Next(3) == 0 ? FreshId() : _values.Pick(_open);
        var call = Template(type ?? _values.Pick(["track", "track", "page", "screen", "identify", "alias", "group"]), customer);
        var mutations = _random.Next(4);
        for (var m = 0; m < mutations; m++) Mutate(doc, call);
        return call;
    }

    private JsonObject Template(string type, string customer)
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-_random.Next(100_000));
        var call = new JsonObject
        {
            ["type"] = type, ["userId"] = customer, ["messageId"] = $"{_prefix}-m-{_sequence++}", ["timestamp"] = at.ToString("O"),
        };
        if (_random.Next(4) == 0) call["sentAt"] = DateTimeOffset.UtcNow.ToString("O");
        if (_random.Next(4) == 0) call["context"] = new JsonObject { ["sessionId"] = $"s-{_random.Next(10)}", ["ip"] = "10.0.0.1" };
        switch (type)
        {
            case "track":
                var (name, properties) = _random.Next(9) switch
                {
                    0 => ("Order Completed", new JsonObject
                    {
                        ["order_id"] = $"{_prefix}-o-{_sequence++}", ["revenue"] = 25.5m, ["currency"] = "GBP",
                        ["products"] = new JsonArray(new JsonObject { ["product_id"] = "p-1", ["price"] = 12.75m, ["quantity"] = 2 }),
                    }),
                    1 => ("Order Refunded", new JsonObject { ["order_id"] = $"{_prefix}-o-{_random.Next(_sequence + 1)}", ["total"] = 5 }),
                    2 => ("Order Cancelled", new JsonObject { ["order_id"] = $"{_prefix}-o-{_random.Next(_sequence + 1)}" }),
                    3 => ("Survey Responded", new JsonObject { ["csat"] = 4, ["nps"] = 9, ["score"] = 3 }),
                    4 => ("Product Reviewed", new JsonObject { ["product_id"] = "p-1", ["rating"] = 5 }),
                    5 => ("Feedback Submitted", new JsonObject { ["sentiment"] = "negative" }),
                    6 => ("Ticket Opened", new JsonObject { ["ticket_id"] = $"t-{_random.Next(5)}" }),
                    7 => ("Ticket Resolved", new JsonObject { ["ticket_id"] = $"t-{_random.Next(5)}", ["sla_breached"] = true }),
                    _ => ("Product Shared", new JsonObject { ["price"] = 3, ["quantity"] = 1 }),
                };
                call["event"] = name;
                call["properties"] = properties;
                break;
            case "page":
            case "screen":
                call["name"] = "Pricing";
                call["properties"] = new JsonObject { ["title"] = "Pricing", ["path"] = "/pricing" };
                break;
            case "identify":
                call["traits"] = new JsonObject
                {
                    ["email"] = $"{customer}@example.com", ["name"] = "Ada", ["age"] = 36, ["birthday"] = "1990-05-01",
                    ["address"] = new JsonObject { ["country"] = "DE", ["city"] = "Berlin" },
                };
                if (_random.Next(3) == 0) call["anonymousId"] = FreshId();
                break;
            case "alias":
                call["previousId"] = FreshId();
                break;
            case "group":
                call["groupId"] = "g-1";
                call["traits"] = new JsonObject { ["name"] = "ACME", ["employees"] = 100 };
                break;
        }
        return call;
    }

    /// <summary>Replaces, removes or adds one field anywhere in the call with a hostile value suited to its kind.</summary>
    private void Mutate(RawJson doc, JsonObject call)
    {
        var fields = new List<(JsonObject Parent, string Name)>();
        Collect(call, fields, depth: 0);
        foreach (var extra in new[] { "anonymousId", "previousId", "userId", "groupId", "writeKey", "originalTimestamp", "sentAt", "traits", "properties", "context" })
        {
            fields.Add((call, extra));
        }
        var (parent, name) = _values.Pick(fields);
        if (_random.Next(10) == 0)
        {
            parent.Remove(name);
            return;
        }
        parent[name] = name switch
        {
            // Identities to link get ids of their own, so a link never merges away a customer whose profile the run
            // checks afterwards. (Links racing in opposite directions, X to Y and Y to X at once: IdentityLinkRaceTests.)
            "anonymousId" or "previousId" => LinkId(_random.Next(3) == 0 ? _values.Any(doc) : JsonValue.Create(_values.Text())),
            "revenue" or "total" or "value" or "price" or "quantity" or "rating" or "csat" or "nps" or "score" or "age" or "employees" => _values.Amount(doc),
            "timestamp" or "sentAt" or "originalTimestamp" or "birthday" => _values.Time(doc),
            "properties" or "traits" or "context" when _random.Next(2) == 0 => Wide(doc),
            _ => _random.Next(3) == 0 ? _values.Any(doc) : JsonValue.Create(_values.Text()),
        };
    }

    private static JsonNode? LinkId(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var text) && !RawJson.IsPart(text) ? JsonValue.Create(text + "~link") : value;

    private static void Collect(JsonObject node, List<(JsonObject, string)> fields, int depth)
    {
        foreach (var (name, value) in node)
        {
            fields.Add((node, name));
            if (value is JsonObject child && depth < 3) Collect(child, fields, depth + 1);
        }
    }

    /// <summary>An object with many hostile keys and values, some nested deep.</summary>
    private JsonObject Wide(RawJson doc)
    {
        var wide = new JsonObject();
        var count = _values.Pick([3, 10, 150]);
        for (var i = 0; i < count; i++)
        {
            var key = _random.Next(4) == 0 ? $"{_values.Text()}{i}" : $"k{i}";
            if (key.Length > 1000) key = key[..1000];
            wide[key] = _random.Next(10) == 0 ? HostileValues.Nested(_random.Next(70)) : _values.Any(doc);
        }
        return wide;
    }

    private FuzzRequest GarbageBody()
    {
        var path = _random.Next(3) == 0 ? "/v1/batch" : _values.Pick(SinglePaths);
        var valid = Encoding.UTF8.GetBytes(Segment.Batch(Segment.Page(_values.Pick(_open), "Home")).ToJsonString());
        var (description, body) = _random.Next(12) switch
        {
            0 => ("random bytes", RandomBytes(1 + _random.Next(2000))),
            1 => ("truncated JSON", valid[..(1 + _random.Next(valid.Length - 1))]),
            2 => ("deeply nested arrays", HostileValues.DeepArrays(65 + _random.Next(100_000))),
            3 => ("deeply nested batch", Encoding.ASCII.GetBytes("{\"batch\":[" + new string('[', 70 + _random.Next(5000)) + new string(']', 1) )),
            4 => ("root is not an object", Encoding.UTF8.GetBytes(_values.Pick(["[]", "5", "\"batch\"", "null", "true", "[{\"batch\":[]}]"]))),
            5 => ("empty body", []),
            6 => ("batch is not an array", Encoding.UTF8.GetBytes(_values.Pick(["{\"batch\":{}}", "{\"batch\":\"x\"}", "{\"batch\":null}", "{\"batch\":5}", "{}", "{\"Batch\":[]}"]))),
            7 => ("too many events", Encoding.UTF8.GetBytes("{\"batch\":[" + string.Join(',', Enumerable.Repeat("{}", 2501)) + "]}")),
            8 => ("events that are not objects", Encoding.UTF8.GetBytes("{\"batch\":[1,\"x\",null,[],true,{}]}")),
            9 => ("invalid UTF-8 in a string", Splice(valid, [0xC3, 0x28, 0xFF])),
            10 => ("duplicate and odd keys", Encoding.UTF8.GetBytes("{\"batch\":[],\"batch\":{},\"\":1,\"\\u0000\":2}")),
            _ => ("a BOM and trailing garbage", [0xEF, 0xBB, 0xBF, .. valid, (byte)'}', (byte)'x']),
        };
        return new FuzzRequest(description, HttpMethod.Post, path, body) { IsBatch = path == "/v1/batch" };
    }

    private FuzzRequest Oversized()
    {
        var path = _random.Next(2) == 0 ? "/v1/batch" : _values.Pick(SinglePaths);
        var huge = Encoding.UTF8.GetBytes("{\"batch\":[{\"type\":\"page\",\"userId\":\"u\",\"name\":\"" + new string('x', MaxRequestBytes + 1024) + "\"}]}");
        return _random.Next(3) switch
        {
            0 => new FuzzRequest("body over the limit", HttpMethod.Post, path, huge) { ExpectedStatus = 413 },
            1 => new FuzzRequest("gzip bomb", HttpMethod.Post, path, Gzip(new byte[_values.Pick([600 * 1024, 8 * 1024 * 1024])]))
            {
                ContentEncoding = "gzip", ExpectedStatus = 413,
            },
            _ => new FuzzRequest("gzip of a body over the limit", HttpMethod.Post, path, Gzip(huge)) { ContentEncoding = "gzip", ExpectedStatus = 413 },
        };
    }

    private FuzzRequest BadEncodingOrContentType()
    {
        var path = _random.Next(2) == 0 ? "/v1/batch" : _values.Pick(SinglePaths);
        var valid = Encoding.UTF8.GetBytes(Segment.Batch(Segment.Page(_values.Pick(_open), "Home")).ToJsonString());
        return _random.Next(5) switch
        {
            0 => new FuzzRequest("invalid gzip", HttpMethod.Post, path, RandomBytes(1 + _random.Next(500))) { ContentEncoding = "gzip", ExpectedStatus = 400 },
            1 => new FuzzRequest("plain JSON marked gzip", HttpMethod.Post, path, valid) { ContentEncoding = "gzip", ExpectedStatus = 400 },
            2 => new FuzzRequest("truncated gzip", HttpMethod.Post, path, Gzip(valid)[..10]) { ContentEncoding = "gzip", ExpectedStatus = 400 },
            _ => new FuzzRequest("wrong content type", HttpMethod.Post, path, valid)
            {
                ContentType = _values.Pick<string?>([null, "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/octet-stream", "text/json"]),
                ExpectedStatus = 400,
            },
        };
    }

    private FuzzRequest BadCredentials()
    {
        var path = _random.Next(2) == 0 ? "/v1/batch" : _values.Pick(SinglePaths);
        var valid = Encoding.UTF8.GetBytes(Segment.Batch(Segment.Page(_values.Pick(_open), "Home")).ToJsonString());
        var header = _random.Next(7) switch
        {
            0 => new AuthenticationHeaderValue("Basic", "!!!not base64!!!"),
            1 => new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("unknown-key:"))),
            2 => new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(TestKeys.Admin + ":"))),
            3 => new AuthenticationHeaderValue("Bearer", TestKeys.Write),
            4 => new AuthenticationHeaderValue("Basic", Convert.ToBase64String(RandomBytes(1 + _random.Next(4000)))),
            5 => new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(new string('k', 10_000) + ":"))),
            _ => null,
        };
        return new FuzzRequest("bad credentials", HttpMethod.Post, path, valid) { Authorization = header, OwnCredentials = true, ExpectedStatus = 401 };
    }

    private FuzzRequest ApiRoute()
    {
        var (method, route) = _values.Pick(_apiRoutes);
        // An erasure gets ids no event uses: erasing a customer the other traffic made would change what it must find.
        var erase = method == "DELETE";
        var path = System.Text.RegularExpressions.Regex.Replace(route, "\\{[^}]+\\}", _ => HostilePathSegment() + (erase ? "~erase" : ""));
        if (_random.Next(3) == 0) path += "?" + HostileQuery();
        var httpMethod = !erase && _random.Next(8) == 0 ? _values.Pick([HttpMethod.Put, HttpMethod.Patch, HttpMethod.Post, HttpMethod.Options]) : new HttpMethod(method);
        var body = httpMethod == HttpMethod.Get || httpMethod == HttpMethod.Delete ? null : RandomBytes(_random.Next(100));
        return new FuzzRequest("hostile route values", httpMethod, path, body)
        {
            Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.Admin), OwnCredentials = true,
        };
    }

    private string HostilePathSegment()
    {
        var text = _random.Next(5) switch
        {
            0 => _values.Text(),
            1 => new string(_values.Pick(HostileValues.TableKeyForbidden), _values.Pick([1, 2, 255, 256, 512, 513, 2000])),
            2 => string.Concat(HostileValues.TableKeyForbidden),
            3 => "x@" + new string(_values.Pick(HostileValues.TableKeyForbidden), 318),
            _ => $"{_prefix}-unknown-{_sequence++}",
        };
        var encoded = Uri.EscapeDataString(text);
        // Percent-escapes no string encodes: lone surrogates as UTF-8, overlong and truncated sequences, a bad escape.
        if (_random.Next(6) == 0) encoded += _values.Pick(["%ED%A0%80", "%C0%AF", "%FF", "%E2%82", "%", "%zz", "%00"]);
        return encoded.Length == 0 ? "%20" : encoded;
    }

    private string HostileQuery() => _values.Pick(
    [
        "x=" + Uri.EscapeDataString(_values.Text()), "%ff=%fe", "a=1&a=2&a=3", string.Join('&', Enumerable.Range(0, 200).Select(i => $"k{i}=v")),
        "access_token=" + TestKeys.Write, "=", "&&&", "q=%ED%A0%80",
    ]);

    private FuzzRequest HubTransport()
    {
        var bearer = new AuthenticationHeaderValue("Bearer", TestKeys.Admin);
        return _random.Next(5) switch
        {
            0 => new FuzzRequest("negotiate with a bad version", HttpMethod.Post,
                $"/hubs/profiles/negotiate?negotiateVersion={Uri.EscapeDataString(_values.Text())}", RandomBytes(_random.Next(50)))
            { Authorization = bearer, OwnCredentials = true, ProblemBodyExpected = false, ContentType = null },
            1 => new FuzzRequest("negotiate with GET", HttpMethod.Get, "/hubs/profiles/negotiate", null) { Authorization = bearer, OwnCredentials = true, ProblemBodyExpected = false },
            2 => new FuzzRequest("poll an unknown connection", HttpMethod.Get, $"/hubs/profiles?id={Uri.EscapeDataString(_values.Text())}", null)
            { Authorization = bearer, OwnCredentials = true, ProblemBodyExpected = false },
            3 => new FuzzRequest("send to an unknown connection", HttpMethod.Post, $"/hubs/profiles?id={Uri.EscapeDataString(_values.Text())}", RandomBytes(_random.Next(300)))
            { Authorization = bearer, OwnCredentials = true, ProblemBodyExpected = false, ContentType = "text/plain" },
            _ => new FuzzRequest("negotiate without a key", HttpMethod.Post, "/hubs/profiles/negotiate?negotiateVersion=1", [])
            { OwnCredentials = true, ExpectedStatus = 401 },
        };
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private byte[] Splice(byte[] into, byte[] bytes)
    {
        // Inside the page name's string, so the JSON around it stays well formed.
        var at = Encoding.UTF8.GetString(into).IndexOf("Home", StringComparison.Ordinal);
        return [.. into[..at], .. bytes, .. into[at..]];
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true)) gzip.Write(data);
        return output.ToArray();
    }

    private static string Describe(JsonNode? value)
    {
        var text = value?.ToJsonString() ?? "null";
        return text.Length > 40 ? text[..40] + "…" : text;
    }
}
