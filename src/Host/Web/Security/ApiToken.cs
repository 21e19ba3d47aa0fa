using System.Security.Cryptography;
using System.Text;

namespace LossSearch.Host.Web.Security;

/// <summary>The API token's check: constant time (hashes of equal length compared with <see cref="CryptographicOperations.FixedTimeEquals"/>).</summary>
public sealed class ApiToken(string token)
{
    private readonly byte[] _hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>True when <paramref name="authorization"/> is <c>Bearer TOKEN</c> with this token.</summary>
    public bool Accepts(string? authorization)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(presented, _hash);
    }

    public override string ToString() => "ApiToken(****)";
}
