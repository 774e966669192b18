namespace Profiles.Testing.Azurite;

/// <summary>How <see cref="AzuriteInstance"/> runs Azurite.</summary>
public sealed class AzuriteOptions
{
    /// <summary>
    /// When <see langword="false"/> (the default) data lives in memory and is lost when Azurite stops.
    /// When <see langword="true"/> it is written under <see cref="Location"/>, so a stop and start keeps it (for outage tests).
    /// </summary>
    public bool PersistToDisk { get; init; }

    /// <summary>Directory for persisted data; a fresh temporary directory (deleted on dispose) when null.</summary>
    public string? Location { get; init; }

    /// <summary>Port of the Table endpoint; a free port when 0.</summary>
    public int Port { get; init; }

    /// <summary>How long to wait for Azurite to answer after it is started.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
