using Microsoft.AspNetCore.Builder;
using DirectPay;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>What every DirectPay service has: telemetry to the dashboard, health endpoints, resilient HTTP, service discovery.</summary>
public static class ServiceDefaultsExtensions
{
    private const string LiveTag = "live";
    /// <summary>DirectPay's own activity sources and meters (DirectPayTelemetry in DirectPay.Core).</summary>
    private const string DirectPayTelemetryPrefix = "DirectPay*";

    /// <summary>Pool threads the runtime starts at once, before it injects more at its own slow pace.</summary>
    private const int MinPoolThreads = 32;

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // Libraries wait synchronously as a service starts (StackExchange.Redis connects so, EF Core builds its model under
        // a lock); with one pool thread per core, requests and /health queued for seconds behind them on a busy machine.
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, MinPoolThreads), completionPorts);
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        // On SIGTERM the api finishes the requests in flight and the worker the stream entries in hand, for this long at
        // most: inside the 30 s an orchestrator (Kubernetes' default grace period) waits before it kills.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(25));
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // The resilience handler logs every attempt of every HTTP call, the OTLP exporter's own included: each export
        // would log a line that the next export sends, for ever. Retries and failures are warnings and still show.
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(DirectPayTelemetryPrefix))
            .WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new BackgroundPollSampler()))
                .AddSource(builder.Environment.ApplicationName, DirectPayTelemetryPrefix)
                // Probes every few seconds would bury the payment traces in the dashboard.
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx =>
                    !ctx.Request.Path.StartsWithSegments(DirectPay.HealthPaths.Health) &&
                    !ctx.Request.Path.StartsWithSegments(DirectPay.HealthPaths.Alive))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }
        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<LatestHealthReport>();
        builder.Services.AddHostedService(services => services.GetRequiredService<LatestHealthReport>());
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapMethods(DirectPay.HealthPaths.Health, [HttpMethods.Get, HttpMethods.Head], (LatestHealthReport latest, HttpContext http) =>
        {
            var status = latest.Status();
            http.Response.Headers.CacheControl = "no-store, no-cache"; // as the health check middleware answers
            return Results.Text(status.ToString(), "text/plain",
                statusCode: status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
        }).AllowAnonymous().ExcludeFromDescription();
        app.MapHealthChecks(DirectPay.HealthPaths.Alive, new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(LiveTag)
        }).AllowAnonymous();
        return app;
    }
}
