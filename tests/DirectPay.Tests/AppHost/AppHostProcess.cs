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
        start.ArgumentList.Add(AppHostDll.Path);
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
}

/// <summary>The AppHost as built for this test run (its configuration): what `dotnet run` would start.</summary>
internal static class AppHostDll
{
    public static string Path
    {
        get
        {
#if DEBUG
            const string configuration = "Debug";
#else
            const string configuration = "Release";
#endif
            var dll = System.IO.Path.Combine(ProjectDirectory, "bin", configuration, "net10.0", "DirectPay.AppHost.dll");
            Assert.True(File.Exists(dll), $"The AppHost is built before its tests: {dll}");
            return dll;
        }
    }

    /// <summary>Where `dotnet run` runs it from: its appsettings.json is read from there.</summary>
    public static string ProjectDirectory
    {
        get
        {
            var project = Projects.DirectPay_AppHost.ProjectPath; // the .csproj, or its folder
            return project.EndsWith(".csproj", StringComparison.Ordinal) ? System.IO.Path.GetDirectoryName(project)! : project;
        }
    }
}
