using Orleans.Storage;

namespace Profiles.AzureStorage.Providers;

/// <summary>Options of <see cref="Storage.AzureTableGrainStorage"/>.</summary>
public sealed class AzureTableGrainStorageOptions : AzureTableConnectionOptions, IStorageProviderSerializerOptions
{
    /// <summary>The table name the official provider uses; keep it to stay interchangeable with it.</summary>
    public const string DefaultTableName = "OrleansGrainState";

    /// <summary>Name of the grain state table. Defaults to <c>OrleansGrainState</c>, as the official provider.</summary>
    public override string TableName { get; set; } = DefaultTableName;

    /// <summary>
    /// When <see langword="true"/>, clearing a grain's state deletes its row; when <see langword="false"/> (the default,
    /// as the official provider) the row is kept with its data columns emptied, so the ETag keeps guarding it.
    /// </summary>
    public bool DeleteStateOnClear { get; set; }

    /// <summary>
    /// Serializer for grain state. When left <see langword="null"/> it is resolved from DI: the serializer registered
    /// under this provider's name (by default Orleans' binary <see cref="OrleansGrainStorageSerializer"/>), else the silo-wide one.
    /// </summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;

    /// <summary>Stage of the silo lifecycle at which the table is created if missing.</summary>
    public int InitStage { get; set; } = Orleans.ServiceLifecycleStage.ApplicationServices;
}
