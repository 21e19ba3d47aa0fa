using Microsoft.AspNetCore.Http;

namespace LossSearch.Host.Web.Security;

/// <summary>The browser policy every response carries: scripts only from this origin, no sniffing, no referrer, no framing.</summary>
public static class SecurityHeaders
{
    /// <summary>
    /// No inline or foreign scripts. Inline styles stay allowed: the page sets element styles (progress
    /// bars, node positions), which carry no script.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; " +
        "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static void Add(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
    }
}
