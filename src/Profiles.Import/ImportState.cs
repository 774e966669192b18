using System.Text.Json;

namespace Profiles.Import;

/// <summary>
/// What the server acknowledged so far: records up to <see cref="LastAcknowledgedLine"/> of the file with hash
/// <see cref="FileHash"/> are stored (or rejected and listed). Written atomically after every acknowledged batch.
/// </summary>
public sealed record ImportState
{
    public required string FileHash { get; init; }
    public int LastAcknowledgedLine { get; init; }
    public long Accepted { get; init; }
    public long Duplicates { get; init; }
    public long Rejected { get; init; }
    public bool Completed { get; init; }

    public static ImportState? Load(string path)
    {
        if (!File.Exists(path)) return null;
        return JsonSerializer.Deserialize<ImportState>(File.ReadAllText(path));
    }

    public void Save(string path)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this));
        File.Move(temporary, path, overwrite: true);
    }
}
