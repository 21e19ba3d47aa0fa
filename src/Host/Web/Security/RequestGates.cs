using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace LossSearch.Host.Web.Security;

/// <summary>
/// The checks a request passes before any endpoint sees it; each answers with problem details naming
/// what is wrong. Null from a check means the request may go on.
/// </summary>
public static class RequestGates
{
    /// <summary>DNS rebinding: a page on another name that resolves to this machine still sends its own name as Host.</summary>
    public static IResult? Host(HttpContext http, ServerSecurity security)
    {
        string host = BindAddresses.Normalize(http.Request.Host.Host);
        return host.Length > 0 && security.AllowedHosts.Contains(host) ? null
            : Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown host",
                detail: $"Host '{http.Request.Host.Host}' is not a name this server answers to; add it with --allowed-host or Server:AllowedHosts.");
    }

    /// <summary>With a token configured, every <c>/api</c> request (SSE streams included) carries <c>Authorization: Bearer TOKEN</c>.</summary>
    public static IResult? Token(HttpContext http, ServerSecurity security)
    {
        if (security.Token is not { } token || !http.Request.Path.StartsWithSegments("/api")) return null;
        if (token.Accepts(http.Request.Headers.Authorization)) return null;
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
            detail: "This server needs its API token: send Authorization: Bearer <token>.");
    }

    /// <summary>A state-changing request from a page of another origin is refused unless that origin is the configured CORS origin.</summary>
    public static IResult? Origin(HttpContext http, ServerSecurity security)
    {
        if (IsSafe(http.Request.Method) || http.Request.Headers.Origin.ToString() is not { Length: > 0 } origin) return null;
        string own = $"{http.Request.Scheme}://{http.Request.Host}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) || string.Equals(origin, security.CorsOrigin, StringComparison.OrdinalIgnoreCase) ? null
            : Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Cross-origin request refused",
                detail: $"Origin '{origin}' may not call this server; allow one origin with --cors-origin.");
    }

    /// <summary>Bodies are JSON: a form or text/plain body (what a cross-site page can send without asking) gets 415.</summary>
    public static IResult? ContentType(HttpContext http)
    {
        var request = http.Request;
        if (IsSafe(request.Method)) return null;
        if (request.ContentType is { } type)
            return MediaTypeHeaderValue.TryParse(type, out var media) && IsJson(media.MediaType.Value) ? null : Unsupported(type);
        bool hasBody = request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        return hasBody ? Unsupported("none") : null;
    }

    /// <summary>A body longer than the limit gets 413 before it is read.</summary>
    public static IResult? BodySize(HttpContext http, RequestLimits limits) =>
        http.Request.ContentLength > limits.MaxBodyBytes
            ? Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large",
                detail: $"The body has {http.Request.ContentLength} bytes; this server takes at most {limits.MaxBodyBytes} (Server:Limits:MaxBodyBytes).")
            : null;

    private static bool IsJson(string? mediaType) =>
        mediaType is not null && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static IResult Unsupported(string type) => Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
        detail: $"Request bodies must be application/json (got {type}).");

    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
}
