namespace Profiles.Host.Hosting;

/// <summary>Where profiles are kept.</summary>
public enum StorageProvider
{
    /// <summary>In the silo's memory: lost on restart; for trying Profiles out and for tests.</summary>
    Memory = 0,

    /// <summary>Azure Table Storage (table <c>OrleansGrainState</c>).</summary>
    AzureTable = 1,
}
