namespace Profiles.AzureStorage.Providers;

/// <summary>Options of <see cref="Membership.AzureTableMembershipTable"/> and <see cref="Membership.AzureTableGatewayListProvider"/>.</summary>
public sealed class AzureTableClusteringOptions : AzureTableConnectionOptions
{
    /// <summary>The table name the official provider uses; keep it to stay interchangeable with it.</summary>
    public const string DefaultTableName = "OrleansSiloInstances";

    /// <summary>Name of the membership table. Defaults to <c>OrleansSiloInstances</c>, as the official provider.</summary>
    public override string TableName { get; set; } = DefaultTableName;
}
