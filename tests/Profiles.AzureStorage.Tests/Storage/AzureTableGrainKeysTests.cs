using Orleans.Runtime;
using Profiles.AzureStorage.Storage;

namespace Profiles.AzureStorage.Tests.Storage;

public sealed class AzureTableGrainKeysTests
{
    private static readonly char[] Alphabet = ['a', 'b', '_', '/', '\\', '#', '?', '\u0000', '\u001F', '\u007F', '\u0085', '\u009F', '\u00A0', '\u00A4', '2', 'F', '%', 'ä'];

    [Theory]
    [InlineData("customer-42")]
    [InlineData("a_b")]
    [InlineData("x@example.com")]
    [InlineData("0f8fad5b-d9cb-469f-a165-70867728950e")]
    public void OrdinaryKeysGetExactlyTheOfficialPartitionKey(string key)
    {
        var grainId = GrainId.Create("customer", key);

        var partitionKey = AzureTableGrainKeys.PartitionKey("profiles", grainId);

        Assert.Equal(AzureTableGrainKeys.OfficialSanitize($"profiles_{grainId}"), partitionKey);
        Assert.Equal($"profiles_customer_{key}", partitionKey);
    }

    [Fact]
    public void KeysThatCollideInTheOfficialLayoutGetDistinctPartitionKeys()
    {
        var slash = AzureTableGrainKeys.PartitionKey("svc", GrainId.Create("customer", "a/b"));
        var underscore = AzureTableGrainKeys.PartitionKey("svc", GrainId.Create("customer", "a_b"));

        Assert.NotEqual(slash, underscore);
        Assert.Equal("svc_customer_a\u00A42Fb", slash);
    }

    [Fact]
    public void EncodedKeysNeverContainCharactersAzureForbids()
    {
        foreach (var value in AllStrings(4))
        {
            var encoded = AzureTableGrainKeys.Encode(value);
            Assert.DoesNotContain(encoded, c => c is '/' or '\\' or '#' or '?' or (>= '\u0000' and <= '\u001F') or (>= '\u007F' and <= '\u009F'));
        }
    }

    [Fact]
    public void EncodingIsInjectiveAndReversibleOverAllShortStrings()
    {
        var seen = new Dictionary<string, string>();
        foreach (var value in AllStrings(4))
        {
            var encoded = AzureTableGrainKeys.Encode(value);
            Assert.Equal(value, AzureTableGrainKeys.Decode(encoded));
            Assert.True(seen.TryAdd(encoded, value), $"'{value}' and '{seen.GetValueOrDefault(encoded)}' share the key '{encoded}'");
        }
    }

    [Fact]
    public void AnOrdinaryGrainIdIsHandedToTheOfficialProviderUnchanged()
    {
        var grainId = GrainId.Create("customer", "ada");

        Assert.Equal(grainId, AzureTableGrainKeys.SafeGrainId("profiles", grainId));
    }

    [Fact]
    public void ASafeGrainIdKeepsItsTypeAndGivesTheEscapedPartitionKeyUnderTheOfficialSanitization()
    {
        var safe = AzureTableGrainKeys.SafeGrainId("svc", GrainId.Create("customer", "a/b#c"));

        Assert.Equal(GrainType.Create("customer"), safe.Type);
        Assert.Equal("svc_customer_a\u00A42Fb\u00A423c", AzureTableGrainKeys.OfficialSanitize($"svc_{safe}"));
    }

    [Fact]
    public void AKeyThatFitsAzuresLimitExactlyIsKeptAsItIs()
    {
        var key = new string('x', AzureTableGrainKeys.MaxKeyLength - "svc_customer/".Length);

        Assert.Equal($"svc_customer_{key}", AzureTableGrainKeys.PartitionKey("svc", GrainId.Create("customer", key)));
    }

    [Theory]
    [InlineData('x', 500)]
    [InlineData('x', 5000)]
    [InlineData('#', 256)]
    [InlineData('\u0001', 512)]
    public void KeysTooLongForAzureEndInAHashOfTheWholeKeyAndStayDistinct(char c, int length)
    {
        var key = new string(c, length);

        var partitionKey = AzureTableGrainKeys.PartitionKey("svc", GrainId.Create("customer", key));
        var lastDiffers = AzureTableGrainKeys.PartitionKey("svc", GrainId.Create("customer", key[..^1] + "y"));

        Assert.True(partitionKey.Length <= AzureTableGrainKeys.MaxKeyLength, $"{partitionKey.Length} characters");
        Assert.StartsWith("svc_customer_", partitionKey, StringComparison.Ordinal);
        Assert.Contains("\u00A4H", partitionKey, StringComparison.Ordinal);
        Assert.NotEqual(partitionKey, lastDiffers);
        Assert.DoesNotContain(partitionKey, ch => ch is '/' or '\\' or '#' or '?' or (>= '\u0000' and <= '\u001F') or (>= '\u007F' and <= '\u009F'));
    }

    [Fact]
    public void AHashedKeyNeverEndsItsKeptPartInsideASurrogatePair()
    {
        var emoji = string.Concat(Enumerable.Repeat("\U0001F600", 400));

        var partitionKey = AzureTableGrainKeys.PartitionKey("svc", GrainId.Create("customer", emoji));

        var marker = partitionKey.IndexOf("\u00A4H", StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(partitionKey[marker - 1]));
    }

    private static IEnumerable<string> AllStrings(int maxLength)
    {
        IEnumerable<string> current = [string.Empty];
        yield return string.Empty;
        for (var length = 1; length <= maxLength; length++)
        {
            current = current.SelectMany(prefix => Alphabet.Select(c => prefix + c)).ToList();
            foreach (var value in current)
            {
                yield return value;
            }
        }
    }
}
