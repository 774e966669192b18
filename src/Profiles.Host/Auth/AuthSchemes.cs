namespace Profiles.Host.Auth;

/// <summary>The two credentials Profiles understands.</summary>
public static class AuthSchemes
{
    /// <summary>A write key in HTTP Basic (key as user name, empty password), as Segment SDKs send it.</summary>
    public const string WriteKey = "WriteKey";

    /// <summary>An API key as <c>Authorization: Bearer</c>, or <c>access_token</c> in the query on the hub.</summary>
    public const string ApiKey = "ApiKey";
}
