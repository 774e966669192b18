using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Profiles.Host.Auth;

namespace Profiles.Host.OpenApi;

/// <summary>
/// Each operation's security requirement and its 401 and 403 problem answers, read from what guards the endpoint: the
/// authorization policy (an API key with the policy's roles) or <see cref="WriteKeyRequired"/> (the ingest API).
/// </summary>
public sealed class OperationSecurityTransformer : IOpenApiOperationTransformer
{
    private static readonly Dictionary<string, string> RolesOfPolicy = new(StringComparer.Ordinal)
    {
        [Policies.ReadProfiles] = "agent or admin",
        [Policies.Realtime] = "any role",
        [Policies.ReadStatistics] = "ops or admin",
        [Policies.Operate] = "admin",
        [Policies.ManagePersonalData] = "admin",
        [Policies.ManageCustomSegments] = "admin",
    };

    /// <inheritdoc />
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        operation.Responses ??= new OpenApiResponses();
        if (metadata.OfType<WriteKeyRequired>().Any())
        {
            Require(operation, context, ProfilesDocumentTransformer.WriteKeyScheme);
            operation.Responses.TryAdd("401", OperationalPaths.Problem("No write key (in HTTP Basic or the body's writeKey), or an unknown one."));
            return Task.CompletedTask;
        }

        var policy = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);
        if (policy is null || metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [];
            return Task.CompletedTask;
        }

        var roles = RolesOfPolicy.GetValueOrDefault(policy, "the endpoint's roles");
        Require(operation, context, ProfilesDocumentTransformer.ApiKeyScheme);
        operation.Description = string.IsNullOrEmpty(operation.Description)
            ? $"An API key with the role {roles}."
            : $"{operation.Description}\n\nAn API key with the role {roles}.";
        operation.Responses.TryAdd("401", OperationalPaths.Problem("No API key, or an unknown one (Authorization: Bearer)."));
        if (policy != Policies.Realtime) operation.Responses.TryAdd("403", OperationalPaths.Problem($"The API key's role is not {roles}."));
        return Task.CompletedTask;
    }

    private static void Require(OpenApiOperation operation, OpenApiOperationTransformerContext context, string scheme) =>
        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] }];
}
