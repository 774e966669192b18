using System.Collections.Immutable;
using Microsoft.AspNetCore.SignalR;
using Profiles.Abstractions.Grains;
using Profiles.Domain.Profiles;
using Profiles.Grains.Diagnostics;

namespace Profiles.Host.Realtime;

/// <summary>This silo's change observer: forwards each change to the connections of this silo that subscribed to it.</summary>
public sealed partial class HubChangeObserver(
    IHubContext<ProfilesHub, IProfilesClient> hub, Subscriptions subscriptions, ProfilesMetrics metrics, TimeProvider time, ILogger<HubChangeObserver> logger)
    : IProfileChangeObserver
{
    public async Task OnProfileChangesAsync(ImmutableArray<ClassChange> changes)
    {
        if (subscriptions.IsEmpty) return;
        var recipients = new HashSet<string>(StringComparer.Ordinal);
        var sends = new List<Task>();
        foreach (var change in changes)
        {
            recipients.Clear();
            subscriptions.CollectSubscribers(KeysOf(change), recipients);
            if (recipients.Count > 0) sends.Add(SendAsync(change, [.. recipients]));
        }
        try
        {
            await Task.WhenAll(sends);
        }
        catch (Exception e)
        {
            LogSendFailed(e, changes.Length);
        }
    }

    private async Task SendAsync(ClassChange change, IReadOnlyList<string> connections)
    {
        await hub.Clients.Clients(connections).ProfileChanged(change);
        // Change made (ClassChange.At, the silo's clock when the grain classified) to handed to SignalR's transports.
        metrics.ChangePushed(time.GetUtcNow() - change.At);
    }

    private static IEnumerable<string> KeysOf(ClassChange change)
    {
        yield return Subscriptions.EverythingKey;
        yield return Subscriptions.CustomerKey(change.CustomerId);
        yield return Subscriptions.ClassKey(change.Dimension, change.NewClass);
        if (change.OldClass is { } old) yield return Subscriptions.ClassKey(change.Dimension, old);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not push {Count} profile changes to some connections")]
    private partial void LogSendFailed(Exception exception, int count);
}
