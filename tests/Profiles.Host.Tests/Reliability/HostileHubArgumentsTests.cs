using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Profiles.Host.Realtime;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Reliability;

/// <summary>
/// Hundreds of generated hub invocations with hostile arguments (wrong types and counts, hostile and long strings,
/// unknown methods) from a real SignalR client: each completes or fails with a HubException that is not an unhandled
/// server error, the connection stays open, and afterwards subscribing still works.
/// </summary>
public sealed class HostileHubArgumentsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const int Invocations = 400;

    private static readonly string[] Methods =
    [
        nameof(ProfilesHub.SubscribeCustomer), nameof(ProfilesHub.UnsubscribeCustomer), nameof(ProfilesHub.SubscribeClass),
        nameof(ProfilesHub.UnsubscribeClass), nameof(ProfilesHub.SubscribeAll), nameof(ProfilesHub.UnsubscribeAll),
        "OnDisconnectedAsync", "Dispose", "NoSuchMethod", " ", "subscribecustomer",
    ];

    [Fact]
    public async Task HostileHubArgumentsAreRefusedWithoutClosingTheConnection()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("PROFILES_FUZZ_SEED"), out var s) ? s : 20261123;
        var random = new Random(seed);
        var values = new HostileValues(random);
        await using var admin = await fixture.App.ConnectAsync(TestKeys.Admin);
        var failures = new List<string>();

        for (var i = 0; i < Invocations; i++)
        {
            var method = values.Pick(Methods);
            var arguments = Enumerable.Range(0, random.Next(4)).Select(_ => Argument(random, values)).ToArray();
            try
            {
                await admin.Connection.InvokeCoreAsync(method, arguments);
            }
            catch (HubException e) when (!e.Message.Contains("unexpected error", StringComparison.Ordinal) || e.Message.Contains("HubException:", StringComparison.Ordinal))
            {
                // Refused with a reason (bad arguments, unknown method, a missing or too long id): as intended. SignalR
                // words a HubException the hub threw as "An unexpected error … HubException: <reason>"; any other
                // exception type there would be an unhandled error in the hub.
            }
            catch (Exception e)
            {
                failures.Add($"{method}({string.Join(", ", arguments.Select(Describe))}): {e.GetType().Name}: {e.Message}");
            }
            if (admin.Connection.State != HubConnectionState.Connected)
            {
                failures.Add($"{method}({string.Join(", ", arguments.Select(Describe))}) closed the connection");
                break;
            }
        }

        Assert.True(failures.Count == 0, $"Seed {seed}: {string.Join(Environment.NewLine, failures.Take(20))}");
        await admin.Connection.InvokeAsync(nameof(ProfilesHub.SubscribeCustomer), "after-the-hostile-arguments");
        Assert.Equal(HttpStatusCode.OK, (await fixture.App.CreateClient().GetAsync("/health/ready")).StatusCode);
    }

    private static object? Argument(Random random, HostileValues values) => random.Next(9) switch
    {
        0 => null,
        1 => random.Next(),
        2 => -1.5e300,
        3 => random.Next(2) == 0,
        4 => new[] { 1, 2, 3 },
        5 => new Dictionary<string, object?> { ["dimension"] = "lifecycle", ["nested"] = new Dictionary<string, object?> { ["x"] = null } },
        6 => string.Concat(HostileValues.TableKeyForbidden),
        // Under SignalR's 32 KB message limit: larger messages close the connection by design.
        _ => values.Text() is { Length: <= 20_000 } text ? text : "long",
    };

    private static string Describe(object? argument) => argument switch
    {
        null => "null",
        string text => text.Length > 30 ? $"\"{text[..30]}…\" ({text.Length} chars)" : $"\"{text}\"",
        _ => argument.GetType().Name,
    };
}
