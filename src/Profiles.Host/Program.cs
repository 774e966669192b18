using Profiles.Host.Apis;
using Profiles.Host.Auth;
using Profiles.Host.Diagnostics;
using Profiles.Host.Hosting;
using Profiles.Host.OpenApi;

var builder = WebApplication.CreateBuilder(args);

builder.AddProfilesSilo();
builder.AddProfilesIngest();
builder.AddProfilesAuth();
builder.AddProfilesRealtime();
builder.AddProfilesWebhooks();
builder.AddProfilesErrorHandling();
builder.AddProfilesOperations();
builder.AddProfilesTelemetry();
builder.AddProfilesPages();
builder.AddProfilesOpenApi();

var app = builder.Build();

app.UseProfilesErrorHandling();
app.UseProfilesStaticFiles();
app.UseAuthentication();
app.UseAuthorization();

app.MapIngestApi();
app.MapCustomersApi();
app.MapStatsApi();
app.MapAudiencesApi();
app.MapCustomSegmentsApi();
app.MapProfilesHub();
app.MapProfilesOperations();
app.MapProfilesPages();
app.MapProfilesOpenApi();

app.Run();

/// <summary>The entry point, visible to the tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
