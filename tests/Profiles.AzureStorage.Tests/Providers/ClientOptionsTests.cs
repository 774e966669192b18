using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using Profiles.AzureStorage.Providers;
using Profiles.Testing.Azurite;

namespace Profiles.AzureStorage.Tests.Providers;

public sealed class ClientOptionsTests
{
    [Fact]
    public void TheClientGetsTheRetryAndTimeoutSettings()
    {
        var options = new AzureTableClusteringOptions
        {
            NetworkTimeout = TimeSpan.FromSeconds(3), MaxRetries = 5, RetryDelay = TimeSpan.FromMilliseconds(50), MaxRetryDelay = TimeSpan.FromSeconds(1),
        }.CreateClientOptions();

        Assert.Equal(Azure.Core.RetryMode.Exponential, options.Retry.Mode);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Retry.NetworkTimeout);
        Assert.Equal(5, options.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.Retry.Delay);
        Assert.Equal(TimeSpan.FromSeconds(1), options.Retry.MaxDelay);
    }

    [Fact]
    public void TheDefaultsFailAHungStorageInSecondsNotTheSdksMinutes()
    {
        var options = new AzureTableGrainStorageOptions();

        Assert.Equal(TimeSpan.FromSeconds(5), options.NetworkTimeout);
        Assert.Equal(3, options.MaxRetries);
        Assert.True(options.MaxRetryDelay <= TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void ANetworkTimeoutOfZeroIsNamedInTheError()
    {
        var options = new AzureTableGrainStorageOptions { ConnectionString = "UseDevelopmentStorage=true", NetworkTimeout = TimeSpan.Zero };

        var error = Assert.Throws<Orleans.Runtime.OrleansConfigurationException>(new AzureTableGrainStorageOptionsValidator(options, "profiles").ValidateConfiguration);

        Assert.Contains("AzureTableGrainStorageOptions.NetworkTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStorageThatAcceptsConnectionsButNeverAnswersFailsTheCallAfterOneTryPerRetry()
    {
        // A listener that accepts every connection and never answers: a hung storage account, not a refused one.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = new System.Collections.Concurrent.ConcurrentQueue<Socket>();
        using var stop = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true) accepted.Enqueue(await listener.AcceptSocketAsync(stop.Token));
            }
            catch (OperationCanceledException)
            {
            }
        });
        var options = new AzureTableGrainStorageOptions
        {
            ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={AzuriteInstance.AccountName};AccountKey={AzuriteInstance.AccountKey};" +
                $"TableEndpoint=http://127.0.0.1:{port}/{AzuriteInstance.AccountName};",
            NetworkTimeout = TimeSpan.FromMilliseconds(300),
            MaxRetries = 2,
            RetryDelay = TimeSpan.FromMilliseconds(10),
            MaxRetryDelay = TimeSpan.FromMilliseconds(10),
        };
        var table = options.CreateServiceClient().GetTableClient("hung");

        var error = await Record.ExceptionAsync(() => table.GetEntityIfExistsAsync<TableEntity>("p", "r"));

        // The last try's connection may still wait in the listen backlog on a busy machine: take it before counting.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (accepted.Count < options.MaxRetries + 1 && DateTime.UtcNow < deadline) await Task.Delay(20);
        await stop.CancelAsync();
        await accepting;
        Assert.NotNull(error);
        Assert.Equal(options.MaxRetries + 1, accepted.Count);
        foreach (var socket in accepted) socket.Dispose();
    }
}
