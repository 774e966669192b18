using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Profiles.Grains.Hosting;

namespace Profiles.Host.Auth;

/// <summary>Wires write keys and API keys, the policies, and the Development key generation.</summary>
public static class AuthExtensions
{
    public static WebApplicationBuilder AddProfilesAuth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddValidatedOptions<AuthOptions, AuthOptionsValidator>(AuthOptions.Section);
        services.AddSingleton<IPostConfigureOptions<AuthOptions>, AuthOptionsSetup>();
        services.AddSingleton<KeyStore>();
        services.AddHostedService<GeneratedKeysAnnouncer>();

        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, WriteKeyAuthenticationHandler>(AuthSchemes.WriteKey, null)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthSchemes.ApiKey, null);

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Ingest, p => p.AddAuthenticationSchemes(AuthSchemes.WriteKey)
                .RequireClaim(WriteKeyAuthenticationHandler.WriterClaim))
            .AddPolicy(Policies.ReadProfiles, p => p.AddAuthenticationSchemes(AuthSchemes.ApiKey)
                .RequireRole(Roles.Agent, Roles.Admin))
            .AddPolicy(Policies.Realtime, p => p.AddAuthenticationSchemes(AuthSchemes.ApiKey)
                .RequireRole(Roles.All))
            .AddPolicy(Policies.ReadStatistics, p => p.AddAuthenticationSchemes(AuthSchemes.ApiKey)
                .RequireRole(Roles.Ops, Roles.Admin))
            .AddPolicy(Policies.Operate, p => p.AddAuthenticationSchemes(AuthSchemes.ApiKey)
                .RequireRole(Roles.Admin))
            .AddPolicy(Policies.ManagePersonalData, p => p.AddAuthenticationSchemes(AuthSchemes.ApiKey)
                .RequireRole(Roles.Admin))
            .AddPolicy(Policies.ManageCustomSegments, p => p.AddAuthenticationSchemes(AuthSchemes.ApiKey)
                .RequireRole(Roles.Admin));
        return builder;
    }
}
