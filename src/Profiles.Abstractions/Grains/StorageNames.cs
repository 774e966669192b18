namespace Profiles.Abstractions.Grains;

/// <summary>The names grains and hosts agree on for grain storage.</summary>
public static class StorageNames
{
    /// <summary>The grain storage provider that holds customer profiles.</summary>
    public const string Profiles = "profiles";
}
