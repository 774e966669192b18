using Microsoft.AspNetCore.Http.HttpResults;
using Profiles.Abstractions.Grains;
using Profiles.Abstractions.Views;
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

    /// <summary>The live profile of one customer.</summary>
    public static async Task<Results<Ok<CustomerProfileView>, ProblemHttpResult>> GetCustomer(string id, HttpContext context, IGrainFactory grains)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 512) return Problems.BadRequest("The customer id must be 1 to 512 characters.");
        try
        {
            var profile = await grains.GetGrain<ICustomerGrain>(id).GetProfileAsync();
            return profile is null ? Problems.NotFound($"No customer '{id}' is known.") : TypedResults.Ok(profile);
        }
        catch (ProfileUnavailableException e)
        {
            return Problems.Unavailable(context, e.Message);
        }
    }
}
