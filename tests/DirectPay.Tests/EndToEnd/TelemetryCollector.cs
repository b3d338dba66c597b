using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DirectPay.Tests.EndToEnd;

/// <summary>
/// Stands in for the dashboard's OTLP endpoint during the tests: keeps every trace, log and metric export of the api and
/// the workers as it arrived (OTLP/protobuf keeps strings as plain UTF-8, so a secret in an attribute is found by a search
/// of the bytes), plus the resources' console output, so a test can look for secrets in everything a run emitted.
/// </summary>
public sealed class TelemetryCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Signal, byte[] Payload)> _exports = new();

    /// <summary>Each console line with the resource instance (replica) that wrote it.</summary>
    public ConcurrentQueue<(string Instance, string Line)> ConsoleLines { get; } = new();
    public string Endpoint { get; private set; } = "";

    private TelemetryCollector()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        builder.Logging.SetMinimumLevel(LogLevel.Warning); // an export every 200 ms is not news
        _app = builder.Build();
        _app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            _exports.Enqueue((signal, body.ToArray()));
            return Results.Ok();
        });
    }

    public static async Task<TelemetryCollector> StartAsync()
    {
        var collector = new TelemetryCollector();
        await collector._app.StartAsync();
        collector.Endpoint = collector._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return collector;
    }

    /// <summary>How many exports of a signal ("traces", "logs", "metrics") arrived.</summary>
    public int Exports(string signal) => _exports.Count(e => e.Signal == signal);

    /// <summary>Which of <paramref name="needles"/> occur anywhere in what was exported or written to the console.</summary>
    public IReadOnlyList<string> Find(IEnumerable<string> needles)
    {
        var haystacks = _exports.Select(e => Encoding.UTF8.GetString(e.Payload)).Concat(ConsoleLines.Select(c => c.Line)).ToList();
        return needles.Where(n => haystacks.Any(h => h.Contains(n, StringComparison.Ordinal))).ToList();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
