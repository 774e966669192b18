namespace Profiles.Host.Tests.Infrastructure;

/// <summary>
/// Test classes that measure the whole process (managed memory after a full collection) run in this collection: xunit
/// runs it after every parallel collection, with nothing else in the process, so other tests' hosts and requests do not
/// count in the figure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "Runs alone";
}
