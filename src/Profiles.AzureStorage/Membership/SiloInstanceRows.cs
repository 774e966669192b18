using System.Globalization;
using System.Net;
using Azure.Data.Tables;
using Orleans;
using Orleans.Runtime;

namespace Profiles.AzureStorage.Membership;

/// <summary>
/// The rows of the official Azure membership table (<c>OrleansSiloInstances</c>): partition = cluster id, one row per silo with
/// row key <c>{IP}-{port}-{generation}</c> and string columns, plus the <c>VersionRow</c> holding <c>MembershipVersion</c>.
/// </summary>
internal static class SiloInstanceRows
{
    public const string VersionRowKey = "VersionRow";

    public const string DeploymentId = nameof(DeploymentId);
    public const string Address = nameof(Address);
    public const string Port = nameof(Port);
    public const string Generation = nameof(Generation);
    public const string HostName = nameof(HostName);
    public const string Status = nameof(Status);
    public const string ProxyPort = nameof(ProxyPort);
    public const string RoleName = nameof(RoleName);
    public const string SiloName = nameof(SiloName);
    public const string InstanceName = nameof(InstanceName);
    public const string UpdateZone = nameof(UpdateZone);
    public const string FaultZone = nameof(FaultZone);
    public const string SuspectingSilos = nameof(SuspectingSilos);
    public const string SuspectingTimes = nameof(SuspectingTimes);
    public const string StartTime = nameof(StartTime);
    public const string IAmAliveTime = nameof(IAmAliveTime);
    public const string MembershipVersion = nameof(MembershipVersion);

    /// <summary>Orleans' log date format, which the official provider stores.</summary>
    private const string DateFormat = "yyyy-MM-dd HH:mm:ss.fff 'GMT'";

    public static string RowKey(SiloAddress silo) =>
        string.Create(CultureInfo.InvariantCulture, $"{silo.Endpoint.Address}-{silo.Endpoint.Port}-{silo.Generation}");

    public static TableEntity VersionRow(string clusterId, int version) => new(clusterId, VersionRowKey)
    {
        [DeploymentId] = clusterId,
        [MembershipVersion] = version.ToString(CultureInfo.InvariantCulture),
    };

    public static int ParseVersion(TableEntity row) =>
        int.Parse(row.GetString(MembershipVersion) ?? "0", CultureInfo.InvariantCulture);

    public static TableEntity FromEntry(string clusterId, MembershipEntry entry)
    {
        var silo = entry.SiloAddress;
        var suspects = entry.SuspectTimes ?? [];
        return new TableEntity(clusterId, RowKey(silo))
        {
            [DeploymentId] = clusterId,
            [Address] = silo.Endpoint.Address.ToString(),
            [Port] = silo.Endpoint.Port.ToString(CultureInfo.InvariantCulture),
            [Generation] = silo.Generation.ToString(CultureInfo.InvariantCulture),
            [HostName] = entry.HostName,
            [Status] = entry.Status.ToString(),
            [ProxyPort] = entry.ProxyPort.ToString(CultureInfo.InvariantCulture),
            [RoleName] = entry.RoleName,
            [SiloName] = entry.SiloName,
            // Older readers look for InstanceName; the official provider fills both.
            [InstanceName] = entry.SiloName,
            [UpdateZone] = entry.UpdateZone.ToString(CultureInfo.InvariantCulture),
            [FaultZone] = entry.FaultZone.ToString(CultureInfo.InvariantCulture),
            [SuspectingSilos] = string.Join('|', suspects.Select(s => s.Item1.ToParsableString())),
            [SuspectingTimes] = string.Join('|', suspects.Select(s => FormatDate(s.Item2))),
            [StartTime] = FormatDate(entry.StartTime),
            [IAmAliveTime] = FormatDate(entry.IAmAliveTime),
        };
    }

    public static TableEntity IAmAliveOnly(string clusterId, MembershipEntry entry) => new(clusterId, RowKey(entry.SiloAddress))
    {
        [IAmAliveTime] = FormatDate(entry.IAmAliveTime),
    };

    public static MembershipEntry ToEntry(TableEntity row)
    {
        var port = ParseInt(row.GetString(Port));
        var generation = ParseInt(row.GetString(Generation));
        var entry = new MembershipEntry
        {
            SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Parse(row.GetString(Address)!), port), generation),
            HostName = row.GetString(HostName),
            Status = Enum.Parse<SiloStatus>(row.GetString(Status)!),
            ProxyPort = ParseInt(row.GetString(ProxyPort)),
            RoleName = row.GetString(RoleName),
            SiloName = NullIfEmpty(row.GetString(SiloName)) ?? row.GetString(InstanceName),
            UpdateZone = ParseInt(row.GetString(UpdateZone)),
            FaultZone = ParseInt(row.GetString(FaultZone)),
            StartTime = ParseDate(row.GetString(StartTime)),
            IAmAliveTime = ParseDate(row.GetString(IAmAliveTime)),
        };

        var silos = Split(row.GetString(SuspectingSilos));
        var times = Split(row.GetString(SuspectingTimes));
        if (silos.Length != times.Length)
        {
            throw new FormatException(
                $"Membership row {row.RowKey} has {silos.Length} suspecting silos but {times.Length} suspecting times.");
        }

        for (var i = 0; i < silos.Length; i++)
        {
            entry.AddSuspector(SiloAddress.FromParsableString(silos[i]), ParseDate(times[i]));
        }

        return entry;
    }

    /// <summary>The gateway a client should connect to, or null when the row is no active gateway.</summary>
    public static Uri? GatewayUri(TableEntity row)
    {
        var proxyPort = ParseInt(row.GetString(ProxyPort));
        if (row.RowKey == VersionRowKey
            || proxyPort <= 0
            || !string.Equals(row.GetString(Status), nameof(SiloStatus.Active), StringComparison.Ordinal))
        {
            return null;
        }

        var address = IPAddress.Parse(row.GetString(Address)!);
        return SiloAddress.New(new IPEndPoint(address, proxyPort), ParseInt(row.GetString(Generation))).ToGatewayUri();
    }

    public static DateTime ParseDate(string? value) =>
        string.IsNullOrEmpty(value)
            ? default
            : DateTime.ParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static string FormatDate(DateTime value) =>
        (value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value).ToString(DateFormat, CultureInfo.InvariantCulture);

    private static int ParseInt(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result) ? result : 0;

    private static string[] Split(string? value) =>
        string.IsNullOrEmpty(value) ? [] : value.Split('|');

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
