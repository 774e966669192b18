using Profiles.Domain.Classification;

namespace Profiles.Grains.Hosting;

/// <summary>
/// Checks the classification settings (<c>Profiles</c>: RFM, lifecycle, …, predictions, clusters, custom segments) with
/// the domain's own <see cref="ClassificationOptions.Validate"/>, which names the first bad key.
/// </summary>
public sealed class ClassificationOptionsValidator : OptionsValidator<ClassificationOptions>
{
    /// <inheritdoc />
    protected override void Check(ClassificationOptions options, List<string> failures)
    {
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            failures.Add(e.Message);
        }
    }
}
