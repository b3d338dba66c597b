using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace DirectPay.Api.Infrastructure;

/// <summary>Section "ForwardedHeaders": the proxies in front of the api whose X-Forwarded-For is believed.</summary>
public sealed class ForwardedHeadersSettings
{
    public string[] KnownProxies { get; set; } = [];
    /// <summary>CIDR ranges, e.g. 10.0.0.0/8 for a load balancer's subnet.</summary>
    public string[] KnownNetworks { get; set; } = [];
}

/// <summary>
/// The client's address, which the rate limits key on: from X-Forwarded-For only when the request came through a
/// configured proxy, else the connection's own (a client cannot choose its address by sending the header).
/// </summary>
internal static class ClientAddresses
{
    public static WebApplicationBuilder AddDirectPayClientAddresses(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("ForwardedHeaders").Get<ForwardedHeadersSettings>() ?? new();
        builder.Services.Configure<ForwardedHeadersOptions>(options => Configure(options, settings));
        return builder;
    }

    /// <summary>
    /// A client as the rate limits count it: an IPv4 address, or an IPv6 /64 (one machine commonly holds a whole /64,
    /// so counting its addresses one by one would be no limit).
    /// </summary>
    public static string PartitionOf(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }

    /// <summary>The client's address as a record keeps it (an authorization's, say): after the forwarded-headers rule above.</summary>
    public static string? ClientAddress(this HttpContext http) =>
        http.Connection.RemoteIpAddress is { } address ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString() : null;

    /// <summary>The client's User-Agent, if it sent one.</summary>
    public static string? UserAgent(this HttpContext http) =>
        http.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null;

    public static void Configure(ForwardedHeadersOptions options, ForwardedHeadersSettings settings)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        // The defaults trust loopback; here nothing is trusted unless configured.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in settings.KnownProxies) options.KnownProxies.Add(IPAddress.Parse(proxy));
        foreach (var network in settings.KnownNetworks) options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
    }
}
