using Microsoft.AspNetCore.Http.HttpResults;
using Profiles.Abstractions.Grains;
using Profiles.Abstractions.Views;
using Profiles.Grains.Identities;
using Profiles.Host.Auth;

namespace Profiles.Host.Apis;

/// <summary>Reading customers' live profiles.</summary>
public static class CustomersApi
{
    public static IEndpointRouteBuilder MapCustomersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/customers").RequireAuthorization(Policies.ReadProfiles).WithTags("Customers");
        api.MapGet("/{id}", GetCustomer);
        return app;
    }

    /// <summary>The live profile of one customer, by its id, any identity known to be it (an anonymous id, a previous id) or its e-mail address.</summary>
    public static async Task<Results<Ok<CustomerProfileView>, ProblemHttpResult>> GetCustomer(
        string id, HttpContext context, IGrainFactory grains, Identities.IdentityResolver identities)
    {
        id = RawRouteValue(context, id);
        if (string.IsNullOrEmpty(id) || id.Length > 512) return Problems.BadRequest("The customer id must be 1 to 512 characters.");
        try
        {
            var customer = await identities.ResolveAsync(id);
            var profile = await grains.GetGrain<ICustomerGrain>(customer).GetProfileAsync();

            // Not an id or identity: perhaps the e-mail address of a customer (the latest to have it).
            if (profile is null && EmailDirectoryGrain.KeyOf(id) is { } email &&
                await grains.GetGrain<IEmailDirectoryGrain>(email).FindAsync() is { } owner)
            {
                profile = await grains.GetGrain<ICustomerGrain>(await identities.ResolveAsync(owner)).GetProfileAsync();
            }
            return profile is null ? Problems.NotFound($"No customer '{id}' is known.") : TypedResults.Ok(profile);
        }
        catch (ProfileUnavailableException e)
        {
            return Problems.Unavailable(context, e.Message);
        }
    }

    /// <summary>
    /// The last path segment decoded exactly once. Routing leaves <c>%2F</c> encoded (so a segment cannot turn into
    /// two), but customer ids may contain '/', so the id is read from the raw request target instead.
    /// </summary>
    private static string RawRouteValue(HttpContext context, string routed)
    {
        var raw = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw)) return routed;
        var path = raw.Split('?', 2)[0];
        var segment = path[(path.LastIndexOf('/') + 1)..];
        return Uri.UnescapeDataString(segment);
    }
}
