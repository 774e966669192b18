namespace Profiles.Grains.Audiences;

/// <summary>Settings under <c>Profiles:Audiences</c>: member listings and exports, and custom segments defined at runtime.</summary>
public sealed class AudienceOptions
{
    public const string Section = "Profiles:Audiences";

    /// <summary>Members a listing page holds when <c>limit</c> is not given (default 100).</summary>
    public int DefaultPageSize { get; set; } = 100;

    /// <summary>The largest <c>limit</c> a listing accepts (default 1,000); an export streams the whole audience instead.</summary>
    public int MaxPageSize { get; set; } = 1_000;

    /// <summary>The most profile fields a listing or export may ask for (default 20).</summary>
    public int MaxFields { get; set; } = 20;

    /// <summary>The most classes an intersection may name, the path's class included (default 8).</summary>
    public int MaxTerms { get; set; } = 8;

    /// <summary>How many customers a listing or export reads profile fields of at once (default 32).</summary>
    public int FieldReadConcurrency { get; set; } = 32;

    /// <summary>The most custom segments that may be defined at runtime (default 50); the configuration's are not counted.</summary>
    public int MaxSegments { get; set; } = 50;

    /// <summary>How often each silo reads the runtime custom segment catalog (default 1 s): a new segment is in force on every silo within about this.</summary>
    public TimeSpan SegmentRefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a starting silo lets customers wait for its first read of the catalog (default 10 s), so that they are
    /// not classified without the runtime custom segments and then with them again; past it they go on, and take them
    /// on their next touch.
    /// </summary>
    public TimeSpan SegmentStartWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Customers a backfill reads from the index at a time, and stores its cursor after (default 256).</summary>
    public int BackfillPageSize { get; set; } = 256;

    /// <summary>Customers a backfill reclassifies at once (default 32).</summary>
    public int BackfillConcurrency { get; set; } = 32;
}
