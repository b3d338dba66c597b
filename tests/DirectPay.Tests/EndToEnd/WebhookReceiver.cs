using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DirectPay.Tests.EndToEnd;

/// <summary>A webhook receiver as a landlord's system would run it: fails its first requests, then accepts.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(string EventId, string Signature, string Body, int Answered);

    private readonly WebApplication _app;
    private int _toFail;

    public ConcurrentQueue<Received> Requests { get; } = new();
    public string Url { get; private set; } = "";

    private WebhookReceiver(int failFirst)
    {
        _toFail = failFirst;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/hook", async (HttpRequest request) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            var status = Interlocked.Decrement(ref _toFail) >= 0 ? 500 : 200;
            Requests.Enqueue(new(request.Headers["DirectPay-Event-Id"].ToString(), request.Headers["DirectPay-Signature"].ToString(), body, status));
            return Results.StatusCode(status);
        });
    }

    public static async Task<WebhookReceiver> StartAsync(int failFirst)
    {
        var receiver = new WebhookReceiver(failFirst);
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Url = $"{address}/hook";
        return receiver;
    }

    /// <summary>Checks DirectPay-Signature: t=&lt;unix&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt; with the endpoint's secret.</summary>
    public static bool IsSigned(Received request, string secret)
    {
        var parts = request.Signature.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var expected = Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{parts["t"]}.{request.Body}")));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected.ToLowerInvariant()), Encoding.ASCII.GetBytes(parts["v1"]));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
