using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Profiles.Abstractions.Grains;
using Profiles.Abstractions.Views;
using Profiles.Grains.IdentityClaims;
using Profiles.Grains.Webhooks;
using Profiles.Host.Auth;

namespace Profiles.Host.Apis;

/// <summary>Reading customers' live profiles; exporting and erasing a customer's data (GDPR, admin only).</summary>
public static class CustomersApi
{
    /// <summary>The export's JSON: indented for people, enums by name, text unescaped (a download, never embedded in HTML).</summary>
    private static readonly JsonSerializerOptions ExportJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static IEndpointRouteBuilder MapCustomersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/customers").RequireAuthorization(Policies.ReadProfiles).WithTags("Customers").WithCustomerId()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/{id}", GetCustomer);
        // Mapped on its own: a group's empty route would be "/api/customers/" with a trailing slash.
        app.MapGet("/api/customers", FindCustomerByEmail).RequireAuthorization(Policies.ReadProfiles).WithTags("Customers")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        var personalData = app.MapGroup("/api/customers").RequireAuthorization(Policies.ManagePersonalData).WithTags("Customers").WithCustomerId()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        personalData.MapDelete("/{id}", EraseCustomer);
        personalData.MapGet("/{id}/export", ExportCustomer).Produces<CustomerExportResponse>(StatusCodes.Status200OK, "application/json");
        return app;
    }

    /// <summary>The live profile of one customer, by its id or any identity known to be it (an anonymous id, a previous id).</summary>
    public static async Task<Results<Ok<CustomerProfileView>, ProblemHttpResult>> GetCustomer(string id, IGrainFactory grains)
    {
        var profile = await OnCustomerAsync(id, grains, customer => customer.GetProfileAsync());
        return profile is null ? Problems.NotFound(NotKnown(id)) : TypedResults.Ok(profile);
    }

    /// <summary>
    /// Erases the customer that <paramref name="id"/> resolves to, as reading a profile resolves it: 204 once
    /// everything stored about it is deleted, 404 when nothing is stored under that id (never known, or erased before).
    /// </summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> EraseCustomer(string id, IGrainFactory grains)
    {
        var erased = await OnCustomerAsync(id, grains, customer => customer.EraseAsync());
        // Everything pointing at it went with it (CustomerErasure): identities, copies, e-mail entries, its time-bucket
        // entry, undelivered webhook changes and this silo's identity cache; the other silos' when the removal reaches them.
        return erased is null ? Problems.NotFound($"{NotKnown(id)} (Never, or no longer: erased.)") : TypedResults.NoContent();
    }

    /// <summary>Everything stored about the customer <paramref name="id"/> resolves to, as a JSON attachment; 404 when none.</summary>
    public static async Task<Results<JsonHttpResult<CustomerExportResponse>, ProblemHttpResult>> ExportCustomer(
        string id, HttpContext context, IGrainFactory grains, TimeProvider time)
    {
        var export = await OnCustomerAsync(id, grains, customer => customer.ExportAsync());
        if (export is null) return Problems.NotFound(NotKnown(id));

        var stored = export.Record;
        var linked = stored.Identities.Union(stored.MergedFrom).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var identityExports = await Task.WhenAll(linked.Select(async identity =>
        {
            var record = await grains.GetGrain<IIdentityGrain>(identity).GetRecordAsync();
            var mergedAway = await grains.GetGrain<ICustomerGrain>(identity).GetStoredAsync();
            // Only a profile merged into this customer (or into one of its identities, in a chain) is its data.
            var mergedHere = mergedAway?.MergedInto is { } into && (into == stored.CustomerId || linked.Contains(into)) ? mergedAway : null;
            return new IdentityExport(identity, record.CustomerId, record.Merged, mergedHere);
        }));

        var owners = linked.Append(stored.CustomerId).ToHashSet(StringComparer.Ordinal);
        var addresses = new SortedSet<string>(stored.EmailAddresses, StringComparer.Ordinal);
        if (stored.Traits.TryGetValue("email", out var email) && EmailDirectoryGrain.KeyOf(email.Value) is { } current) addresses.Add(current);
        foreach (var mergedAway in identityExports.Select(i => i.MergedProfile).OfType<Profiles.Abstractions.Export.CustomerRecordExport>())
            addresses.UnionWith(mergedAway.EmailAddresses);
        var entries = (await Task.WhenAll(addresses.Select(a => grains.GetGrain<IEmailDirectoryGrain>(a).GetClaimsAsync()))).SelectMany(c => c);

        var response = new CustomerExportResponse(
            stored.CustomerId, time.GetUtcNow(), stored, export.View, [.. identityExports],
            [.. entries.Where(e => owners.Contains(e.CustomerId))]);
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName($"customer-{AsciiFileName(stored.CustomerId)}-export.json");
        context.Response.Headers.ContentDisposition = disposition.ToString();
        return TypedResults.Json(response, ExportJson);
    }

    /// <summary>
    /// The customer who claims an e-mail address (its <c>email</c> trait is it, whatever the case): its live profile when
    /// exactly one does, 404 when none, and 409 with every claimant when several do, since anyone holding a write key
    /// can claim any address. A separate, explicit lookup: reads, erasures and exports by id never fall back to it.
    /// </summary>
    public static async Task<Results<Ok<CustomerProfileView>, ProblemHttpResult>> FindCustomerByEmail(string? email, IGrainFactory grains)
    {
        if (EmailDirectoryGrain.KeyOf(email) is not { } address) return Problems.BadRequest("Give an e-mail address: ?email=name@example.com.");
        var claims = await grains.GetGrain<IEmailDirectoryGrain>(address).GetClaimsAsync();
        if (claims.IsEmpty) return Problems.NotFound($"No customer claims the address '{address}'.");
        if (claims.Length > 1)
        {
            return TypedResults.Problem(
                $"{claims.Length} customers claim the address '{address}'; choose one by its id.",
                statusCode: StatusCodes.Status409Conflict, title: "Several customers claim this address",
                extensions: new Dictionary<string, object?>
                {
                    ["candidates"] = claims.Select(c => new EmailClaimCandidate(c.CustomerId, c.Since)).ToList(),
                });
        }
        var profile = await OnCustomerAsync(claims[0].CustomerId, grains, customer => customer.GetProfileAsync());
        return profile is null ? Problems.NotFound($"No customer claims the address '{address}'.") : TypedResults.Ok(profile);
    }

    /// <summary>One customer claiming an address, in a 409's <c>candidates</c>: its id and the event time of its claim.</summary>
    public sealed record EmailClaimCandidate(string CustomerId, DateTimeOffset Since);

    private static string NotKnown(string id) =>
        EmailDirectoryGrain.KeyOf(id) is { } address
            ? $"No customer '{id}' is known. To find a customer by e-mail address, ask GET /api/customers?email={Uri.EscapeDataString(address)}."
            : $"No customer '{id}' is known.";

    /// <summary>
    /// Asks the customer of id <paramref name="id"/>, whose grain follows a merge to the customer it was merged into. Not
    /// through the identity records: a user id is not the anonymous id of the same text, so a claim on the anonymous id
    /// must not turn a read of the user into someone else's.
    /// </summary>
    private static Task<T?> OnCustomerAsync<T>(string id, IGrainFactory grains, Func<ICustomerGrain, Task<T?>> call) where T : class =>
        call(grains.GetGrain<ICustomerGrain>(id));

    /// <summary>A file name from any id: letters, digits, '-', '_' and '.' kept, everything else '_', at most 100 characters.</summary>
    private static string AsciiFileName(string id)
    {
        var chars = id.Take(100).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray();
        return new string(chars);
    }
}
