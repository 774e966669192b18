namespace Profiles.Host.Auth;

/// <summary>The authorization policies endpoints and the hub ask for.</summary>
public static class Policies
{
    /// <summary>Sending events: a write key.</summary>
    public const string Ingest = "ingest";

    /// <summary>Reading one customer's profile: an API key with the agent or admin role.</summary>
    public const string ReadProfiles = "read-profiles";

    /// <summary>Connecting to the hub: an API key with any role (each hub method checks its own role).</summary>
    public const string Realtime = "realtime";

    /// <summary>Reading population statistics (class counts, breakpoints): an API key with the ops or admin role.</summary>
    public const string ReadStatistics = "read-statistics";

    /// <summary>Operating the service (metrics, the Orleans dashboard): an API key with the admin role.</summary>
    public const string Operate = "operate";

    /// <summary>Exporting and erasing a customer's personal data (GDPR): an API key with the admin role.</summary>
    public const string ManagePersonalData = "manage-personal-data";

    /// <summary>Defining and removing custom segments at runtime: an API key with the admin role.</summary>
    public const string ManageCustomSegments = "manage-segments";
}
