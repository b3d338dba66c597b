using System.Net;
using System.Net.Sockets;

namespace DirectPay.Webhooks;

/// <summary>
/// Where DirectPay may send webhooks: http(s) only, and never to an address that is not public (SSRF), unless a host
/// is named in Webhooks:AllowedPrivateHosts (development and tests).
/// </summary>
public static class WebhookTargets
{
    // Everything IANA's special-purpose registries mark as not globally reachable, and the IPv6 prefixes that embed IPv4.
    private static readonly IPNetwork[] NotPublic = [.. new[]
    {
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
        "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
        "224.0.0.0/4", "240.0.0.0/4",
        "::/96", "::ffff:0:0/96", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32",
        "2002::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
    }.Select(IPNetwork.Parse)];

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return !NotPublic.Any(network => network.Contains(address));
    }

    public static bool IsAllowedPrivateHost(string host, IReadOnlyCollection<string> allowedPrivateHosts) =>
        allowedPrivateHosts.Contains(host.Trim('[', ']'), StringComparer.OrdinalIgnoreCase);

    public static async Task<string?> WhyNotAsync(string url, IReadOnlyCollection<string> allowedPrivateHosts, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return "The url must be an absolute http or https url.";
        if (IsAllowedPrivateHost(uri.Host, allowedPrivateHosts)) return null;
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.Host, ct);
        }
        catch (Exception e) when (e is SocketException or ArgumentException) // unknown, or not a name at all (too long)
        {
            return "The url's host does not resolve.";
        }
        return addresses.Length == 0 || !addresses.All(IsPublic) ? "The url must point to a public address." : null;
    }
}
