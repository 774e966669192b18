namespace Profiles.Host.OpenApi;

/// <summary>
/// The JSON body an endpoint reads by itself, for the API reference (<see cref="RequestBodyTransformer"/>). Unlike
/// <c>Accepts</c>, it does not make routing refuse other content types: the endpoint answers those itself.
/// </summary>
public sealed record DocumentedBody(Type Type);
