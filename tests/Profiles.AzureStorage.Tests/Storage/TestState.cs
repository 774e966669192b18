namespace Profiles.AzureStorage.Tests.Storage;

[GenerateSerializer]
public sealed class TestState
{
    [Id(0)]
    public string? Text { get; set; }

    [Id(1)]
    public int Number { get; set; }

    [Id(2)]
    public byte[]? Blob { get; set; }
}
