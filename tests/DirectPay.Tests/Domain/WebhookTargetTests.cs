using System.Net;
using System.Net.Sockets;
using DirectPay.Webhooks;

namespace DirectPay.Tests.Domain;

public class WebhookTargetTests
{
    [Theory]
    [InlineData("127.0.0.1")] [InlineData("10.0.0.1")] [InlineData("172.31.255.255")] [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")] [InlineData("100.64.0.1")] [InlineData("0.0.0.0")] [InlineData("198.18.0.1")]
    [InlineData("198.19.255.255")] [InlineData("192.0.0.8")] [InlineData("240.0.0.1")] [InlineData("255.255.255.255")]
    [InlineData("224.0.0.1")] [InlineData("::1")] [InlineData("::")] [InlineData("fe80::1")] [InlineData("fd00::1")]
    [InlineData("64:ff9b::7f00:1")] [InlineData("2002:7f00:1::")] [InlineData("::ffff:127.0.0.1")] [InlineData("::127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")] [InlineData("2001:db8::1")] [InlineData("ff02::1")]
    public void Internal_addresses_are_not_public(string address) =>
        Assert.False(WebhookTargets.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("1.1.1.1")] [InlineData("93.184.215.14")] [InlineData("2606:4700:4700::1111")] [InlineData("::ffff:8.8.8.8")]
    public void Public_addresses_are(string address) => Assert.True(WebhookTargets.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public async Task A_name_resolving_to_loopback_at_send_time_is_refused_at_connect()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        // The name passed the check at registration; now it resolves to loopback (DNS rebinding).
        var connector = new PublicOnlyConnector([], (_, _) => Task.FromResult(new[] { IPAddress.Loopback }));
        using var client = new HttpClient(connector.Handler());

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync($"http://rebound.example:{port}/hook", null));
        Assert.Contains("not public", refused.Message);
        Assert.False(listener.Pending());
    }

    [Fact]
    public async Task A_host_allowed_for_development_connects_to_the_address_it_resolved()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var connector = new PublicOnlyConnector(["receiver.test"], (_, _) => Task.FromResult(new[] { IPAddress.Loopback }));
        using var client = new HttpClient(connector.Handler()) { Timeout = TimeSpan.FromSeconds(30) };

        var sending = client.PostAsync($"http://receiver.test:{port}/hook", null);
        using var accepted = await listener.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await accepted.GetStream().WriteAsync("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n"u8.ToArray());
        using var response = await sending;
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
