using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Profiles.Domain.Profiles;
using Profiles.Host.Realtime;

namespace Profiles.Host.Tests.Infrastructure;

/// <summary>A real SignalR client connection that records the ProfileChanged messages it receives.</summary>
public sealed class HubClient : IAsyncDisposable
{
    private readonly Channel<ClassChange> _received = Channel.CreateUnbounded<ClassChange>();

    public HubClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<ClassChange>(nameof(IProfilesClient.ProfileChanged), change => _received.Writer.TryWrite(change));
    }

    public HubConnection Connection { get; }

    /// <summary>Waits for the next change that satisfies <paramref name="match"/>, skipping others.</summary>
    public async Task<ClassChange> WaitForAsync(Func<ClassChange, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var change = await _received.Reader.ReadAsync(cts.Token);
            if (match(change)) return change;
        }
    }

    /// <summary>Every change received so far, without waiting.</summary>
    public List<ClassChange> Drain()
    {
        var all = new List<ClassChange>();
        while (_received.Reader.TryRead(out var change)) all.Add(change);
        return all;
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
