namespace Profiles.Domain.Ingest;

/// <summary>Settings under <c>Profiles:Ingest</c>: limits and the currencies that are accepted.</summary>
public sealed class IngestOptions
{
    /// <summary>Largest accepted request body in bytes, after decompression (default 500 KB, as Segment).</summary>
    public int MaxRequestBytes { get; set; } = 500 * 1024;

    /// <summary>Largest accepted single event in bytes (default 32 KB, as Segment).</summary>
    public int MaxEventBytes { get; set; } = 32 * 1024;

    /// <summary>Most events in one batch (default 2,500, as Segment).</summary>
    public int MaxBatchEvents { get; set; } = 2500;

    /// <summary>Longest accepted user id, anonymous id, message id or order id (default 256 characters).</summary>
    public int MaxIdLength { get; set; } = 256;

    /// <summary>Oldest accepted event timestamp, in days before now (default 3,650: ten years of history).</summary>
    public int MaxPastDays { get; set; } = 3650;

    /// <summary>Latest accepted event timestamp, in minutes after now (default 1,440: a day of clock skew).</summary>
    public int MaxFutureMinutes { get; set; } = 1440;

    /// <summary>Largest accepted amount of one order or refund (default 100,000,000).</summary>
    public decimal MaxAmount { get; set; } = 100_000_000m;

    /// <summary>The currency revenue is kept in (default USD); events without a currency are in it.</summary>
    public string BaseCurrency { get; set; } = "USD";

    /// <summary>
    /// Accepted currencies: ISO 4217 code → value of one unit in the base currency. Events in any other currency are
    /// rejected. The shipped rates are placeholders to be replaced by the operator's own.
    /// </summary>
    public Dictionary<string, decimal> Currencies { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["USD"] = 1m,
        ["EUR"] = 1.08m,
        ["GBP"] = 1.27m,
        ["CHF"] = 1.12m,
        ["JPY"] = 0.0067m,
        ["CAD"] = 0.73m,
        ["AUD"] = 0.66m,
        ["SEK"] = 0.095m,
        ["DKK"] = 0.145m,
        ["NOK"] = 0.093m,
        ["PLN"] = 0.25m,
    };
}
