using System.Globalization;

namespace Profiles.Import;

/// <summary>Parses the command line into <see cref="ImportSettings"/>; throws <see cref="ArgumentException"/> on bad input.</summary>
public static class CommandLine
{
    public const string Usage = """
        profiles-import --url URL --write-key KEY --file FILE [options]

          --url URL             the Profiles service, e.g. http://localhost:5080
          --write-key KEY       a write key (sent in HTTP Basic, as Segment SDKs do)
          --file FILE           the CSV (header row first) or NDJSON file to import
          --format csv|ndjson   default: from the file extension, else csv
          --map TARGET=SOURCE   fill an event field from a column, or from a 'constant' in quotes; repeatable
                                targets: type userId anonymousId event name category timestamp messageId
                                previousId groupId properties.* traits.* context.*
          --type TYPE           event type when none is mapped: track (default), identify, page, screen, alias, group
          --batch-size N        events per request (default 500, at most 2500)
          --state FILE          resume state (default FILE.import-state)
          --rejects FILE        rejected records with their line (default FILE.rejects.ndjson)
          --max-retries N       retries per request before giving up (default 8)
          --retry-delay-ms N    first back-off in milliseconds, doubled per retry with jitter (default 500)
        """;

    private static readonly string[] Types = ["track", "identify", "page", "screen", "alias", "group"];

    public static ImportSettings Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? url = null, key = null, file = null, format = null, state = null, rejects = null;
        var type = "track";
        int batchSize = 500, maxRetries = 8, retryDelayMs = 500;
        var mappings = new List<FieldMapping>();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            switch (name)
            {
                case "--url": url = Value(); break;
                case "--write-key": key = Value(); break;
                case "--file": file = Value(); break;
                case "--format": format = Value(); break;
                case "--map": mappings.Add(FieldMapping.Parse(Value())); break;
                case "--type": type = Value().ToLowerInvariant(); break;
                case "--batch-size": batchSize = Int(name, Value(), 1, 2500); break;
                case "--state": state = Value(); break;
                case "--rejects": rejects = Value(); break;
                case "--max-retries": maxRetries = Int(name, Value(), 0, 100); break;
                case "--retry-delay-ms": retryDelayMs = Int(name, Value(), 0, 600_000); break;
                default: throw new ArgumentException($"Unknown option '{name}'.");
            }
        }
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException("--url must be an absolute http(s) address.");
        if (string.IsNullOrEmpty(key)) throw new ArgumentException("--write-key is required.");
        if (string.IsNullOrEmpty(file)) throw new ArgumentException("--file is required.");
        if (!Types.Contains(type)) throw new ArgumentException($"--type must be one of {string.Join(", ", Types)}.");
        var inputFormat = (format?.ToLowerInvariant() ?? (file.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) ? "ndjson" : "csv")) switch
        {
            "csv" => InputFormat.Csv,
            "ndjson" or "jsonl" => InputFormat.Ndjson,
            _ => throw new ArgumentException("--format must be csv or ndjson."),
        };
        return new ImportSettings
        {
            Url = uri,
            WriteKey = key,
            File = file,
            Format = inputFormat,
            Mappings = mappings,
            DefaultType = type,
            BatchSize = batchSize,
            StatePath = state ?? file + ".import-state",
            RejectsPath = rejects ?? file + ".rejects.ndjson",
            MaxRetries = maxRetries,
            RetryDelay = TimeSpan.FromMilliseconds(retryDelayMs),
        };
    }

    private static int Int(string name, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name} must be a whole number from {min} to {max}.");
}
