using System.Diagnostics;

namespace DirectPay.Tests.AppHost;

/// <summary>The built AppHost run as its own process, as a newcomer or a deployment pipeline runs it.</summary>
internal static class AppHostProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string? path, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(AppHostDll());
        foreach (var arg in args) start.ArgumentList.Add(arg);
        if (path is not null) start.Environment["PATH"] = path;

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = Task.WhenAll(process.StandardOutput.ReadToEndAsync(timeout.Token), process.StandardError.ReadToEndAsync(timeout.Token));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The AppHost did not exit within a minute: {string.Join(' ', args)}");
        }
        return (process.ExitCode, string.Join('\n', await output));
    }

    private static string AppHostDll()
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var project = Projects.DirectPay_AppHost.ProjectPath; // the .csproj, or its folder
        var projectDir = project.EndsWith(".csproj", StringComparison.Ordinal) ? Path.GetDirectoryName(project)! : project;
        var dll = Path.Combine(projectDir, "bin", configuration, "net10.0", "DirectPay.AppHost.dll");
        Assert.True(File.Exists(dll), $"The AppHost is built before its tests: {dll}");
        return dll;
    }
}
