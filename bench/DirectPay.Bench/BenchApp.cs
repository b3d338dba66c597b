using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DirectPay.Bench;

/// <summary>
/// DirectPay as <c>dotnet run</c> starts it, in local mode with a throwaway data folder, except for what a benchmark must
/// change: the banks answer at once (time scale 0) and the per-user and per-IP rate limits are out of the way.
/// </summary>
internal sealed class BenchApp : IAsyncDisposable
{
    private readonly DistributedApplication _app;
    private readonly string _dataDir;
    private readonly TelemetrySink _telemetry;

    private BenchApp(DistributedApplication app, TelemetrySink telemetry, string dataDir, HttpClient http, string database)
    {
        _app = app;
        _telemetry = telemetry;
        _dataDir = dataDir;
        Http = http;
        DatabaseConnectionString = database;
    }

    public HttpClient Http { get; }
    public string DatabaseConnectionString { get; }

    public static async Task<BenchApp> StartAsync(int connections)
    {
        var telemetry = await TelemetrySink.StartAsync();
        var dataDir = Directory.CreateTempSubdirectory("directpay-bench-").FullName;
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(dataDir, (UnixFileMode)0b111_101_101); // the postgres user reaches its data folder
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.DirectPay_AppHost>(
        [
            "DirectPay:Infra=local",
            $"DirectPay:DataDir={dataDir}",
            $"Parameters:admin-password=bench-{Guid.NewGuid():N}",
            $"Parameters:jwt-signing-key={Guid.NewGuid():N}{Guid.NewGuid():N}",
            "Parameters:time-scale=0", // every rail answers at once: the worker's own speed, not the banks'
        ]);
        // The services' output stays in the app: their log lines for every payment would flood the console.
        builder.Services.AddLogging(logging => logging.AddFilter("DirectPay.AppHost.Resources", LogLevel.None)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None).AddFilter("Aspire", LogLevel.Warning));
        foreach (var service in new[] { ResourceNames.Api, ResourceNames.PaymentWorker })
            builder.CreateResourceBuilder<ProjectResource>(service).WithEnvironment("DOTNET_ENVIRONMENT", "Production")
                .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Production")
                .WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", telemetry.Endpoint)
                .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                .WithEnvironment(context =>
                {
                    // Experiments (bench/RESULTS.md): BENCH_SERVICE_ENV="NAME=value;NAME=value" goes to both services.
                    foreach (var pair in (Environment.GetEnvironmentVariable("BENCH_SERVICE_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
                        context.EnvironmentVariables[pair[..pair.IndexOf('=')]] = pair[(pair.IndexOf('=') + 1)..];
                });
        builder.CreateResourceBuilder<ProjectResource>(ResourceNames.Api)
            .WithEndpoint("http", endpoint => endpoint.IsProxied = false) // the api itself, not Aspire's development proxy in front of it
            .WithEnvironment("RateLimits__SignInsPerIp__PermitLimit", "1000000")
            .WithEnvironment("RateLimits__WritesPerUser__PermitLimit", "1000000");
        var app = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await app.StartAsync(timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.PaymentWorker, timeout.Token);

        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        var http = new HttpClient(handler) { BaseAddress = app.GetEndpoint(ResourceNames.Api, "http"), Timeout = TimeSpan.FromSeconds(30) };
        var database = await app.GetConnectionStringAsync(ResourceNames.Database, timeout.Token)
            ?? throw new InvalidOperationException("No database connection string.");
        return new BenchApp(app, telemetry, dataDir, http, database);
    }

    /// <summary>
    /// The service's own process (the first instance's): Aspire starts a project as "dotnet run", whose child is the
    /// service itself.
    /// </summary>
    public Process ProcessOf(string resource)
    {
        var launcher = LauncherPid(resource);
        var child = Directory.EnumerateDirectories("/proc").Select(Path.GetFileName)
            .Select(name => int.TryParse(name, out var pid) ? pid : 0)
            .FirstOrDefault(pid => pid > 0 && ParentOf(pid) == launcher);
        return Process.GetProcessById(child > 0 ? child : launcher);
    }

    /// <summary>
    /// Stops a service at once (SIGKILL to its process tree) and waits until the app sees it stopped. The dashboard's
    /// stop command would be gentler, but on this machine it times out (issue 8, graceful shutdown).
    /// </summary>
    public async Task KillAsync(string resource)
    {
        Process.GetProcessById(LauncherPid(resource)).Kill(entireProcessTree: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await _app.ResourceNotifications.WaitForResourceAsync(resource, KnownResourceStates.TerminalStates, timeout.Token);
    }

    public async Task StartAgainAsync(string resource)
    {
        var model = _app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == resource);
        var result = await _app.ResourceCommands.ExecuteCommandAsync(model, KnownResourceCommands.StartCommand);
        if (!result.Success) throw new InvalidOperationException($"Starting {resource} failed: {result.Message}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await _app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
    }

    private int LauncherPid(string resource)
    {
        var state = _app.ResourceNotifications.TryGetCurrentState(resource, out var found) ? found
            : throw new InvalidOperationException($"No state for {resource}.");
        return Convert.ToInt32(state.Snapshot.Properties.Single(p => p.Name == "executable.pid").Value);
    }

    /// <summary>The parent's pid, from /proc/pid/stat ("pid (name) state ppid ..."; the name may hold spaces).</summary>
    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
        }
        catch (IOException) { return 0; } // gone meanwhile
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _telemetry.DisposeAsync();
        try { Directory.Delete(_dataDir, recursive: true); }
        catch (IOException) { } // a server still closing its files; the OS cleans its temp folder
    }
}
