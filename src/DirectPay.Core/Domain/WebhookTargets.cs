using System.Net;
using System.Net.Sockets;

namespace DirectPay.Domain;

/// <summary>
/// Where DirectPay may send webhooks: http(s) only, and never to loopback, private, link-local or otherwise internal
/// addresses (SSRF), unless a host is named in Webhooks:AllowedPrivateHosts (development and tests).
/// </summary>
public static class WebhookTargets
{
    public static async Task<string?> WhyNotAsync(string url, IReadOnlyCollection<string> allowedPrivateHosts, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return "The url must be an absolute http or https url.";
        if (allowedPrivateHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase)) return null;
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.Host, ct);
        }
        catch (SocketException)
        {
            return "The url's host does not resolve.";
        }
        return addresses.Length == 0 || addresses.Any(IsInternal) ? "The url must point to a public address." : null;
    }

    private static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal) return true;
        if (address.AddressFamily != AddressFamily.InterNetwork) return address.Equals(IPAddress.IPv6Any);
        var b = address.GetAddressBytes();
        return b[0] is 0 or 10 or 127 || (b[0] == 169 && b[1] == 254) || (b[0] == 172 && b[1] is >= 16 and <= 31)
               || (b[0] == 192 && b[1] == 168) || (b[0] == 100 && b[1] is >= 64 and <= 127);
    }
}
