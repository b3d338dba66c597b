using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace DirectPay.Webhooks;

/// <summary>
/// Opens webhook connections: it resolves the host once, refuses unless every address is public, and connects to the
/// addresses it checked, so a name that resolves elsewhere a moment later (DNS rebinding) cannot reach an internal one.
/// </summary>
public sealed class PublicOnlyConnector(IReadOnlyCollection<string> allowedPrivateHosts,
    Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
{
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve = resolve ?? Dns.GetHostAddressesAsync;

    /// <summary>A handler that follows no redirect (a 3xx is an answer, and a failed attempt) and connects through this.</summary>
    public SocketsHttpHandler Handler() => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false, // a proxy would connect on our behalf, to wherever it resolves the name
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        MaxResponseHeadersLength = 16, // KB
        ConnectCallback = ConnectAsync,
    };

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var (host, port) = (context.DnsEndPoint.Host, context.DnsEndPoint.Port);
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await _resolve(host, ct);
        if (addresses.Length == 0) throw new HttpRequestException("The url's host does not resolve.");
        if (!WebhookTargets.IsAllowedPrivateHost(host, allowedPrivateHosts) && !addresses.All(WebhookTargets.IsPublic))
            throw new HttpRequestException("The url's host resolves to an address that is not public.");

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
