namespace DirectPay.Tests.AppHost;

/// <summary>Without its servers, the AppHost stops at once with one line saying what to install: no hang, no stack trace.</summary>
public class MissingToolTests
{
    [Fact]
    public async Task Without_postgres_it_says_to_install_postgresql()
    {
        var (exitCode, output) = await AppHostProcess.RunAsync(path: null, "DirectPay:Infra=local", "DirectPay:PostgresBin=/nonexistent");
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
        var (exitCode, output) = await AppHostProcess.RunAsync(path: bin.FullName, "DirectPay:Infra=local");
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
            var (exitCode, output) = await AppHostProcess.RunAsync(path: null, "DirectPay:Infra=local", $"DirectPay:DataDir={hidden.FullName}/data");
            Assert.Equal(1, exitCode);
            Assert.Contains($"cannot reach {hidden.FullName}", output);
        }
        finally
        {
            hidden.Delete(recursive: true);
        }
    }
}
