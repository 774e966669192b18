using Orleans.Serialization;
using Orleans.Storage;

namespace Profiles.AzureStorage.Storage;

/// <summary>
/// Orleans' binary grain-state format, byte for byte what <see cref="OrleansGrainStorageSerializer"/> writes and reads,
/// serialized through a pooled buffer into one array of exactly its length. Orleans' own grows a fresh buffer from 256
/// bytes by doubling on every write and keeps the last one, which was the largest allocation of a customer's write.
/// </summary>
public sealed class PooledBinaryGrainStorageSerializer(Serializer serializer) : IGrainStorageSerializer
{
    /// <inheritdoc />
    public BinaryData Serialize<T>(T? input) => new(serializer.SerializeToArray(input));

    /// <inheritdoc />
    public T? Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return serializer.Deserialize<T>(input.ToMemory());
    }
}
