namespace Profiles.Host.OpenApi;

/// <summary>
/// Marks an endpoint whose 200 answer may also be a streamed download in these text formats (a member export), beside its
/// JSON; <see cref="StreamedExportTransformer"/> adds them to the document. (A second <c>Produces</c> for the same status
/// would replace the JSON answer instead.)
/// </summary>
public sealed record StreamedExport(params string[] ContentTypes);
