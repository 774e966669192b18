using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Profiles.AzureStorage.Storage;

namespace Profiles.AzureStorage.Tests.Storage;

public sealed class PooledBinaryGrainStorageSerializerTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    private Serializer Serializer => _services.GetRequiredService<Serializer>();

    public void Dispose() => _services.Dispose();

    private static Dictionary<string, List<long>> State(int entries) =>
        Enumerable.Range(0, entries).ToDictionary(i => $"key-{i}", i => Enumerable.Range(0, i % 7).Select(n => (long)n * i).ToList());

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(2_000)]
    public void ItWritesTheBytesOrleansOwnSerializerWritesAndEachReadsTheOthers(int entries)
    {
        var pooled = new PooledBinaryGrainStorageSerializer(Serializer);
        var orleans = new OrleansGrainStorageSerializer(Serializer);
        var state = State(entries);

        var ours = pooled.Serialize(state);
        var theirs = orleans.Serialize(state);

        Assert.Equal(theirs.ToArray(), ours.ToArray());
        Assert.Equal(state, orleans.Deserialize<Dictionary<string, List<long>>>(ours));
        Assert.Equal(state, pooled.Deserialize<Dictionary<string, List<long>>>(theirs));
    }

    [Fact]
    public void TheStoredBytesAreExactlyTheStateNotAGrownBuffer()
    {
        var bytes = new PooledBinaryGrainStorageSerializer(Serializer).Serialize(State(300));

        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes.ToMemory(), out var segment));
        Assert.Equal(segment.Array!.Length, segment.Count);
    }
}
