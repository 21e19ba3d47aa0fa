using LossSearch.Learning;

namespace LossSearch.Host.Web.Security;

/// <summary>
/// Who may talk to <c>serve</c> and what they may ask: the API token (null: none), the Host header
/// values it answers, the one cross-origin site browsers may call it from (null: none), the folders
/// requests may name (besides the artifacts folder) and the request limits.
/// </summary>
public sealed record ServerSecurity(ApiToken? Token, IReadOnlySet<string> AllowedHosts, string? CorsOrigin)
{
    public IReadOnlyList<string> DataRoots { get; init; } = Security.DataRoots.Defaults;
    public RequestLimits Limits { get; init; } = new();

    /// <summary>For <paramref name="urls"/>; refuses a binding beyond loopback without a token (<see cref="InvalidInputException"/>).</summary>
    public static ServerSecurity For(string urls, string? token, IEnumerable<string>? allowedHosts = null, string? corsOrigin = null)
    {
        token = string.IsNullOrWhiteSpace(token) ? null : token.Trim();
        if (token is null && BindAddresses.Split(urls).FirstOrDefault(url => !BindAddresses.IsLoopback(url)) is { } open)
            throw new InvalidInputException(
                $"--urls: {open} is not a loopback address; serving beyond this machine needs an API token: pass --api-token or set LOSSSEARCH_API_TOKEN.");
        if (corsOrigin is not null && !(Uri.TryCreate(corsOrigin, UriKind.Absolute, out var origin) && origin.AbsolutePath == "/" && origin.Scheme is "http" or "https"))
            throw new InvalidInputException($"--cors-origin: '{corsOrigin}' is not an origin such as https://example.org:8443.");
        return new(token is null ? null : new ApiToken(token), BindAddresses.AllowedHosts(urls, allowedHosts ?? []), corsOrigin?.TrimEnd('/'));
    }
}
