namespace Profiles.Benchmarks;

/// <summary>
/// Size of grain-state rows in the Azure Table layout: the serialized state (binary columns <c>Data</c>,
/// <c>Data1</c>...), the partition and row keys (UTF-16, 2 bytes a character, as Azure counts them), and the entity size
/// by Azure's documented formula (4 + 2 × key characters + per property 8 + 2 × name characters + value, Timestamp included).
/// </summary>
internal readonly record struct StateBytes(long Rows, long DataBytes, long KeyBytes, long EntityBytes)
{
    public long DataAndKeys => DataBytes + KeyBytes;

    public static StateBytes operator +(StateBytes a, StateBytes b) =>
        new(a.Rows + b.Rows, a.DataBytes + b.DataBytes, a.KeyBytes + b.KeyBytes, a.EntityBytes + b.EntityBytes);

    /// <summary>One row with these keys and binary columns (name, length).</summary>
    public static StateBytes Row(string partitionKey, string rowKey, IEnumerable<(string Name, int Length)> binaryColumns)
    {
        long data = 0;
        long entity = 4 + 2L * (partitionKey.Length + rowKey.Length) + 8 + 2 * "Timestamp".Length + 8;
        foreach (var (name, length) in binaryColumns)
        {
            data += length;
            entity += 8 + 2L * name.Length + 4 + length;
        }

        return new StateBytes(1, data, 2L * (partitionKey.Length + rowKey.Length), entity);
    }
}
