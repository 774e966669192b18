using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Profiles.Domain.Classification;
using Profiles.Domain.Profiles;
using Profiles.Domain.Ingest;
using Profiles.Host.Apis;
using Profiles.Host.Auth;

namespace Profiles.Benchmarks.EndToEnd;

/// <summary>
/// The no-Orleans baseline: a minimal ASP.NET Core app on Kestrel in this process that answers <c>/v1/batch</c> with the
/// host's own pieces — the write-key authentication handler, <see cref="RequestBody"/>, <see cref="SegmentIngestion"/>
/// and the domain fold and classification of <see cref="CustomerProfile"/> — but keeps profiles in a
/// <see cref="ConcurrentDictionary{TKey,TValue}"/> (one lock per profile) instead of customer grains and storage.
/// What the host costs beyond it is Orleans: grain calls, the drain loop, serializing state, statistics and pushes.
/// Bare (<c>fold: false</c>), it parses the same requests and only counts events per customer: what serving the requests
/// costs before any domain work.
/// </summary>
internal sealed class BaselineApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, CustomerProfile> _profiles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly bool _fold;
    private readonly SegmentIngestion _ingestion = new(new IngestOptions());
    private readonly ProfileClassifier _classifier = new(new ClassificationOptions());

    public BaselineApp(int port, bool fold = true)
    {
        _fold = fold;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Benchmark" });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["Profiles:Auth:WriteKeys:0"] = BenchmarkHost.WriteKey;
        builder.Configuration["Profiles:Auth:ApiKeys:0:Key"] = BenchmarkHost.AgentKey;
        builder.Configuration["Profiles:Auth:ApiKeys:0:Role"] = "agent";
        builder.AddProfilesAuth();
        _app = builder.Build();
        _app.MapPost("/v1/batch", (Delegate)HandleAsync);
    }

    public Uri BaseAddress { get; }

    /// <summary>Customers with a profile.</summary>
    public int Customers => _profiles.Count;

    public Task StartAsync() => _app.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<Results<Ok<IngestResponse>, ProblemHttpResult>> HandleAsync(HttpContext context)
    {
        // The same steps as IngestPipeline, in the same order, up to where it would call the customer grains.
        var basic = await context.AuthenticateAsync(AuthSchemes.WriteKey);
        if (!basic.Succeeded) return TypedResults.Problem("A write key is required.", statusCode: StatusCodes.Status401Unauthorized);
        if (context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
            return TypedResults.Problem("Content-Type must be application/json.", statusCode: StatusCodes.Status400BadRequest);
        if (await RequestBody.ReadAsync(context.Request, _ingestion.Options.MaxRequestBytes, context.RequestAborted) is not { } body)
            return TypedResults.Problem("Too large.", statusCode: StatusCodes.Status413PayloadTooLarge);

        IngestPlan plan;
        try
        {
            plan = _ingestion.ReadBatch(body, DateTimeOffset.UtcNow);
        }
        catch (SegmentRequestException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        if (!_fold)
        {
            foreach (var accepted in plan.Accepted) _counts.AddOrUpdate(accepted.CustomerId, 1, static (_, n) => n + 1);
            return TypedResults.Ok(new IngestResponse(true, plan.Accepted.Count, 0, plan.Rejected));
        }

        var duplicates = 0;
        var now = DateTimeOffset.UtcNow;
        foreach (var group in plan.Accepted.GroupBy(a => a.CustomerId, StringComparer.Ordinal))
        {
            var profile = _profiles.GetOrAdd(group.Key, CustomerProfile.Create);
            // As the grain's drain: every event of the request applied, then one classification.
            var classification = new PendingClassification();
            lock (profile)
            {
                foreach (var accepted in group)
                {
                    if (profile.Apply(accepted.Event) == ApplyOutcome.Duplicate) duplicates++;
                    else classification.Applied(accepted.Event);
                }
                classification.Reclassify(profile, _classifier, now);
            }
        }
        return TypedResults.Ok(new IngestResponse(true, plan.Accepted.Count, duplicates, plan.Rejected));
    }
}
