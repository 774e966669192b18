using Profiles.Grains.Hosting;

namespace Profiles.Grains.Audiences;

/// <summary>Refuses audience settings (<c>Profiles:Audiences</c>) out of range, naming each bad key.</summary>
public sealed class AudienceOptionsValidator : OptionsValidator<AudienceOptions>
{
    /// <inheritdoc />
    protected override void Check(AudienceOptions options, List<string> failures)
    {
        const string S = AudienceOptions.Section;
        if (options.DefaultPageSize < 1) failures.Add($"{S}:DefaultPageSize must be at least 1.");
        if (options.MaxPageSize < options.DefaultPageSize) failures.Add($"{S}:MaxPageSize must be at least {S}:DefaultPageSize.");
        if (options.MaxPageSize > 10_000) failures.Add($"{S}:MaxPageSize must be at most 10000 (export the audience instead).");
        if (options.MaxFields is < 1 or > 100) failures.Add($"{S}:MaxFields must be from 1 to 100.");
        if (options.MaxTerms is < 1 or > 32) failures.Add($"{S}:MaxTerms must be from 1 to 32.");
        if (options.FieldReadConcurrency is < 1 or > 1024) failures.Add($"{S}:FieldReadConcurrency must be from 1 to 1024.");
        if (options.MaxSegments is < 0 or > 1000) failures.Add($"{S}:MaxSegments must be from 0 to 1000.");
        RequirePositive(failures, $"{S}:SegmentRefreshInterval", options.SegmentRefreshInterval);
        if (options.SegmentStartWait < TimeSpan.Zero) failures.Add($"{S}:SegmentStartWait must not be negative.");
        if (options.BackfillPageSize is < 1 or > 10_000) failures.Add($"{S}:BackfillPageSize must be from 1 to 10000.");
        if (options.BackfillConcurrency is < 1 or > 1024) failures.Add($"{S}:BackfillConcurrency must be from 1 to 1024.");
    }
}
