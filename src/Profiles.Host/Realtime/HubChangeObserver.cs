using System.Collections.Immutable;
using Microsoft.AspNetCore.SignalR;
using Profiles.Abstractions.Grains;
using Profiles.Abstractions.Realtime;
using Profiles.Domain.Profiles;
using Profiles.Grains.Diagnostics;
using Profiles.Host.IdentityRouting;

namespace Profiles.Host.Realtime;

/// <summary>
/// This silo's change observer: forwards each change to the connections of this silo that subscribed to it, and each
/// erased customer to the connections subscribed to it, to everything or to one of its classes (forgetting the
/// customer's identities in this silo's resolver cache).
/// </summary>
public sealed partial class HubChangeObserver(
    IHubContext<ProfilesHub, IProfilesClient> hub, Subscriptions subscriptions, ProfilesMetrics metrics, TimeProvider time,
    IdentityResolver identities, ILogger<HubChangeObserver> logger)
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

    public async Task OnProfilesRemovedAsync(ImmutableArray<ProfileRemoval> removals)
    {
        foreach (var removal in removals) identities.Forget(removal.CustomerId);
        if (subscriptions.IsEmpty) return;
        var sends = new List<Task>();
        foreach (var removal in removals)
        {
            var recipients = new HashSet<string>(StringComparer.Ordinal);
            subscriptions.CollectSubscribers(KeysOf(removal), recipients);
            if (recipients.Count > 0) sends.Add(hub.Clients.Clients([.. recipients]).ProfileRemoved(removal));
        }
        try
        {
            await Task.WhenAll(sends);
        }
        catch (Exception e)
        {
            LogRemovalSendFailed(e, removals.Length);
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

    private static IEnumerable<string> KeysOf(ProfileRemoval removal)
    {
        yield return Subscriptions.EverythingKey;
        yield return Subscriptions.CustomerKey(removal.CustomerId);
        foreach (var (dimension, value) in removal.Classes) yield return Subscriptions.ClassKey(dimension, value);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not push {Count} profile removals to some connections")]
    private partial void LogRemovalSendFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not push {Count} profile changes to some connections")]
    private partial void LogSendFailed(Exception exception, int count);
}
