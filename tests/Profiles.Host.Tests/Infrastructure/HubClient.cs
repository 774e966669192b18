using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Profiles.Abstractions.Realtime;
using Profiles.Domain.Profiles;
using Profiles.Host.Realtime;

namespace Profiles.Host.Tests.Infrastructure;

/// <summary>A real SignalR client connection that records the ProfileChanged and ProfileRemoved messages it receives.</summary>
public sealed class HubClient : IAsyncDisposable
{
    private readonly Channel<ClassChange> _received = Channel.CreateUnbounded<ClassChange>();
    private readonly Channel<ProfileRemoval> _removed = Channel.CreateUnbounded<ProfileRemoval>();

    public HubClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<ClassChange>(nameof(IProfilesClient.ProfileChanged), change => _received.Writer.TryWrite(change));
        connection.On<ProfileRemoval>(nameof(IProfilesClient.ProfileRemoved), removal => _removed.Writer.TryWrite(removal));
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

    /// <summary>Waits for the next removal (erased customer) that satisfies <paramref name="match"/>, skipping others.</summary>
    public async Task<ProfileRemoval> WaitForRemovalAsync(Func<ProfileRemoval, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var removal = await _removed.Reader.ReadAsync(cts.Token);
            if (match(removal)) return removal;
        }
    }

    /// <summary>Every removal received so far, without waiting.</summary>
    public List<ProfileRemoval> DrainRemovals()
    {
        var all = new List<ProfileRemoval>();
        while (_removed.Reader.TryRead(out var removal)) all.Add(removal);
        return all;
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
