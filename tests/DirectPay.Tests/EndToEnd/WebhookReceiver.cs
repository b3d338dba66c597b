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

/// <summary>A webhook receiver as a landlord's system would run it, on 127.0.0.1; it records every request that reaches it.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(string EventId, string Signature, string Body, int Answered);

    private readonly WebApplication _app;

    public ConcurrentQueue<Received> Requests { get; } = new();
    /// <summary>Requests of any method and path, before they are answered.</summary>
    public int Hits => _hits;
    private int _hits;
    public string Url { get; private set; } = "";
    public int Port => new Uri(Url).Port;

    private WebhookReceiver(Func<HttpContext, Task<IResult>> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Use((context, next) =>
        {
            Interlocked.Increment(ref _hits);
            return next(context);
        });
        _app.MapPost("/hook", async (HttpContext context) =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            var result = await answer(context);
            var status = (result as IStatusCodeHttpResult)?.StatusCode ?? 200;
            Requests.Enqueue(new(context.Request.Headers["DirectPay-Event-Id"].ToString(),
                context.Request.Headers["DirectPay-Signature"].ToString(), body, status));
            return result;
        });
    }

    /// <summary>Fails its first <paramref name="failFirst"/> requests with 500, then accepts.</summary>
    public static Task<WebhookReceiver> StartAsync(int failFirst)
    {
        var toFail = failFirst;
        return StartAsync(_ => Task.FromResult(Interlocked.Decrement(ref toFail) >= 0 ? Results.StatusCode(500) : Results.Ok()));
    }

    public static async Task<WebhookReceiver> StartAsync(Func<HttpContext, Task<IResult>> answer)
    {
        var receiver = new WebhookReceiver(answer);
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
