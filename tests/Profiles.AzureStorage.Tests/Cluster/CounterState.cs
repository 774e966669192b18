namespace Profiles.AzureStorage.Tests.Cluster;

[GenerateSerializer]
public sealed class CounterState
{
    [Id(0)]
    public int Count { get; set; }
}
