using System.Diagnostics;

namespace DirectPay.Tests.AppHost;

/// <summary>Without its servers, the AppHost stops at once with one line saying what to install: no hang, no stack trace.</summary>
public class MissingToolTests
{
    [Fact]
    public async Task Without_postgres_it_says_to_install_postgresql()
    {
        var (exitCode, output) = await RunAppHostAsync(path: null, "DirectPay:Infra=local", "DirectPay:PostgresBin=/nonexistent");
        Assert.Equal(1, exitCode);
        Assert.Contains("apt-get install postgresql", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task Without_redis_server_it_says_to_install_redis_server()
    {
        // A PATH with what starting postgres needs, but no redis-server.
        var bin = Directory.CreateTempSubdirectory("directpay-bin-");
        foreach (var tool in new[] { "setpriv", "test" }) File.CreateSymbolicLink(Path.Combine(bin.FullName, tool), $"/usr/bin/{tool}");
        var (exitCode, output) = await RunAppHostAsync(path: bin.FullName, "DirectPay:Infra=local");
        bin.Delete(recursive: true);
        Assert.Equal(1, exitCode);
        Assert.Contains("apt-get install redis-server", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task A_data_folder_the_postgres_user_cannot_reach_is_named_not_waited_on()
    {
        if (Environment.UserName != "root") return; // only root hands postgres to another user; CI runs as root
        var hidden = Directory.CreateTempSubdirectory("directpay-private-"); // 0700, owned by root
        try
        {
            var (exitCode, output) = await RunAppHostAsync(path: null, "DirectPay:Infra=local", $"DirectPay:DataDir={hidden.FullName}/data");
            Assert.Equal(1, exitCode);
            Assert.Contains($"cannot reach {hidden.FullName}", output);
        }
        finally
        {
            hidden.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAppHostAsync(string? path, params string[] args)
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
            Assert.Fail("The AppHost hung instead of saying what is missing.");
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
