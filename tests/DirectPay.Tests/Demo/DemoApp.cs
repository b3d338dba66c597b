using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using DirectPay.Tests.AppHost;
using DirectPay.Tests.EndToEnd;

namespace DirectPay.Tests.Demo;

/// <summary>
/// The demo as a newcomer starts it: the built AppHost run as its own process, with the dashboard, in local mode (its
/// own data folder and ports, so it runs beside the suite's app and a developer's demo), until it prints where to look.
/// </summary>
public sealed partial class DemoApp : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly string _dataDir = Directory.CreateTempSubdirectory("directpay-demo-").FullName;
    private readonly ConcurrentQueue<string> _output = new();
    private Process _appHost = null!;

    public string DashboardLogin { get; private set; } = "";
    public Uri Dashboard => new(new Uri(DashboardLogin).GetLeftPart(UriPartial.Authority));
    public Uri Api { get; private set; } = null!;
    public Uri Scalar { get; private set; } = null!;
    /// <summary>From the start of the process to the banner, which comes when every resource is healthy.</summary>
    public TimeSpan UntilHealthy { get; private set; }

    public async Task InitializeAsync()
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_dataDir, (UnixFileMode)0b111_101_101); // the postgres user reads it
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppHostDll.ProjectDirectory, // as `dotnet run` does: its appsettings.json holds the defaults
        };
        start.ArgumentList.Add(AppHostDll.Path);
        // What the launch profile sets, on free ports; and the test parameters (time scale: ACH in milliseconds).
        start.Environment["DOTNET_ENVIRONMENT"] = start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        start.Environment["ASPNETCORE_URLS"] = $"http://localhost:{FreePort()}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://localhost:{FreePort()}";
        start.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://localhost:{FreePort()}";
        start.Environment["DirectPay__Infra"] = "local";
        start.Environment["DirectPay__DataDir"] = _dataDir;
        start.Environment["Parameters__admin-password"] = $"admin-{Guid.NewGuid():N}";
        start.Environment["Parameters__jwt-signing-key"] = $"{Guid.NewGuid():N}{Guid.NewGuid():N}";
        start.Environment["Parameters__time-scale"] = "0.001";

        var clock = Stopwatch.StartNew();
        _appHost = Process.Start(start)!;
        var banner = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Keep(string? line)
        {
            if (line is null) return;
            _output.Enqueue(line);
            if (line.Contains("Scalar", StringComparison.Ordinal) && line.Contains("/scalar/v1", StringComparison.Ordinal)) banner.TrySetResult();
        }
        _appHost.OutputDataReceived += (_, e) => Keep(e.Data);
        _appHost.ErrorDataReceived += (_, e) => Keep(e.Data);
        _appHost.BeginOutputReadLine();
        _appHost.BeginErrorReadLine();

        var exited = _appHost.WaitForExitAsync();
        if (await Task.WhenAny(banner.Task, exited, Task.Delay(StartTimeout)) != banner.Task)
            throw new InvalidOperationException($"The AppHost never said it was up:\n{string.Join('\n', _output.TakeLast(60))}");
        UntilHealthy = clock.Elapsed;
        DashboardLogin = Url("Dashboard");
        Api = new Uri(Url("API"));
        Scalar = new Uri(Url("Scalar"));
    }

    /// <summary>The URL on the banner's line that starts with <paramref name="label"/>.</summary>
    private string Url(string label) =>
        _output.Select(l => BannerLine().Match(l)).Last(m => m.Success && m.Groups[1].Value == label).Groups[2].Value;

    [GeneratedRegex(@"^\s+(Dashboard|API|Scalar)\s+(http\S+)$")]
    private static partial Regex BannerLine();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        if (_appHost is { HasExited: false })
        {
            ProcessSignals.Send([_appHost.Id], ProcessSignals.Interrupt); // Ctrl+C: the AppHost stops what it started
            // Alone it exits within a second or two; after the whole suite it has never exited within a minute (measured
            // twice), so a full run waited that minute for nothing: what it has not stopped by then is killed.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try { await _appHost.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { _appHost.Kill(entireProcessTree: true); }
        }
        _appHost?.Dispose();
        try { Directory.Delete(_dataDir, recursive: true); }
        catch (IOException) { } // a server still closing its files; the temp folder is cleaned by the OS
    }
}
