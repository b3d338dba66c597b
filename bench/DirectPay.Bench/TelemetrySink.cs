using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DirectPay.Bench;

/// <summary>
/// Where the services send their traces, logs and metrics during the bench (OTLP over HTTP, read and dropped), so
/// exporting costs what it costs in production; without a receiver the exporters would fail and retry instead.
/// </summary>
internal sealed class TelemetrySink : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TelemetrySink(WebApplication app) => _app = app;

    public string Endpoint => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public static async Task<TelemetrySink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/v1/{signal}", async (HttpRequest request) =>
        {
            await request.Body.CopyToAsync(Stream.Null);
            return Results.Ok();
        });
        await app.StartAsync();
        return new TelemetrySink(app);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
