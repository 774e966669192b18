using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Profiles.Host.Auth;

namespace Profiles.Host.Realtime;

/// <summary>
/// Live class changes. Agents subscribe to customers; ops dashboards to classes or to everything. Each change reaches a
/// connection once, as <see cref="IProfilesClient.ProfileChanged"/>, whichever silo made it.
/// </summary>
[Authorize(Policy = Policies.Realtime)]
public sealed class ProfilesHub(Subscriptions subscriptions) : Hub<IProfilesClient>
{
    public const string Path = "/hubs/profiles";

    private const int MaxIdLength = 512;

    /// <summary>Receive the changes of one customer (agent or admin role).</summary>
    public void SubscribeCustomer(string customerId)
    {
        Require(Roles.Agent, Roles.Admin);
        Add(Subscriptions.CustomerKey(Checked(customerId, nameof(customerId))));
    }

    public void UnsubscribeCustomer(string customerId) =>
        subscriptions.Remove(Context.ConnectionId, Subscriptions.CustomerKey(customerId ?? ""));

    /// <summary>Receive every change into or out of one class, e.g. (<c>lifecycle</c>, <c>churned</c>) (ops or admin role).</summary>
    public void SubscribeClass(string dimension, string value)
    {
        Require(Roles.Ops, Roles.Admin);
        Add(Subscriptions.ClassKey(Checked(dimension, nameof(dimension)), Checked(value, nameof(value))));
    }

    public void UnsubscribeClass(string dimension, string value) =>
        subscriptions.Remove(Context.ConnectionId, Subscriptions.ClassKey(dimension ?? "", value ?? ""));

    /// <summary>Receive every change of every customer (ops or admin role).</summary>
    public void SubscribeAll()
    {
        Require(Roles.Ops, Roles.Admin);
        Add(Subscriptions.EverythingKey);
    }

    public void UnsubscribeAll() => subscriptions.Remove(Context.ConnectionId, Subscriptions.EverythingKey);

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        subscriptions.RemoveConnection(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    private void Add(string key)
    {
        if (!subscriptions.Add(Context.ConnectionId, key))
            throw new HubException($"This connection already holds {Subscriptions.MaxPerConnection} subscriptions, the most one may hold; unsubscribe from some first.");
    }

    private void Require(params string[] roles)
    {
        if (!roles.Any(Context.User!.IsInRole))
            throw new HubException($"Forbidden: this needs the {string.Join(" or ", roles)} role.");
    }

    private static string Checked(string? value, string name)
    {
        if (string.IsNullOrEmpty(value)) throw new HubException($"{name} is required.");
        if (value.Length > MaxIdLength) throw new HubException($"{name} is longer than {MaxIdLength} characters.");
        return value;
    }
}
