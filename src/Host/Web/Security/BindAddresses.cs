using System.Net;
using System.Net.NetworkInformation;

namespace LossSearch.Host.Web.Security;

/// <summary>What the <c>--urls</c> of <c>serve</c> bind to: loopback or not, and the host names a request may then carry.</summary>
public static class BindAddresses
{
    public static IReadOnlyList<string> Split(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// The host part of a Kestrel address. Kestrel binds <c>localhost</c> to the loopback addresses, an IP
    /// address to itself, and any other name (<c>*</c>, <c>+</c>, <c>example.org</c>) to every address.
    /// </summary>
    public static string HostOf(string url)
    {
        int scheme = url.IndexOf("://", StringComparison.Ordinal);
        string rest = scheme < 0 ? url : url[(scheme + 3)..];
        int slash = rest.IndexOf('/');
        if (slash >= 0) rest = rest[..slash];
        if (rest.StartsWith('['))
        {
            int close = rest.IndexOf(']');
            return close < 0 ? rest : rest[..(close + 1)];
        }
        int colon = rest.LastIndexOf(':');
        return colon < 0 ? rest : rest[..colon];
    }

    public static bool IsLoopback(string url)
    {
        string host = HostOf(url);
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }

    /// <summary>
    /// Host names a request to these addresses may carry in its Host header: the loopback names for
    /// loopback addresses, the address itself for an IP, and for an all-addresses binding this machine's
    /// name and interface addresses. Anything else must be configured (DNS rebinding protection).
    /// </summary>
    public static IReadOnlySet<string> AllowedHosts(string urls, IEnumerable<string> configured)
    {
        var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "localhost", "127.0.0.1", "[::1]" };
        foreach (var url in Split(urls))
        {
            string host = HostOf(url);
            if (IsLoopback(url)) continue;
            if (IPAddress.TryParse(host.Trim('[', ']'), out var address) && !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any))
                hosts.Add(Normalize(host));
            else
                AddThisMachine(hosts);
        }
        foreach (var host in configured) hosts.Add(Normalize(host));
        return hosts;
    }

    /// <summary>A Host header's host as compared: lower case, without a trailing dot, IPv6 in brackets.</summary>
    public static string Normalize(string host)
    {
        host = host.Trim().TrimEnd('.');
        return IPAddress.TryParse(host, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{host}]" : host;
    }

    private static void AddThisMachine(HashSet<string> hosts)
    {
        hosts.Add(Environment.MachineName);
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                hosts.Add(Normalize(unicast.Address.ToString().Split('%')[0]));
    }
}
