using System.Diagnostics;

namespace DirectPay.AppHost.Infrastructure;

/// <summary>
/// Postgres and Redis for DirectPay: Aspire's containers where a container engine answers,
/// otherwise the machine's own postgres and redis-server run as executable resources (docs/decisions/0002).
/// </summary>
internal static class Infrastructure
{
    public const string ModeKey = "DirectPay:Infra";
    public const string DataDirKey = "DirectPay:DataDir";
    private const string DatabaseName = "directpay";
    private const string BankDatabaseName = "bank";

    /// <param name="maxConnections">The postgres server's max_connections (<see cref="ConnectionBudget.Server"/>).</param>
    public static DirectPayInfrastructure AddDirectPayInfrastructure(this IDistributedApplicationBuilder builder, int maxConnections)
    {
        var mode = builder.Configuration[ModeKey]?.ToLowerInvariant() ?? "auto";
        // A deployment manifest describes containers for an orchestrator, never this machine's own executables.
        var useContainers = builder.ExecutionContext.IsPublishMode || mode switch
        {
            "containers" => true,
            "local" => false,
            "auto" => ContainerEngineAnswers(),
            _ => throw new MissingToolException($"{ModeKey} is '{mode}': use auto, containers or local."),
        };
        return useContainers ? AddContainers(builder, maxConnections) : AddLocalExecutables(builder, maxConnections);
    }

    private static DirectPayInfrastructure AddContainers(IDistributedApplicationBuilder builder, int maxConnections)
    {
        var postgres = builder.AddPostgres(ResourceNames.Postgres).WithDataVolume().WithArgs("-c", $"max_connections={maxConnections}");
        var database = postgres.AddDatabase(ResourceNames.Database, DatabaseName);
        var bankDatabase = postgres.AddDatabase(ResourceNames.BankDatabase, BankDatabaseName);
        var redis = builder.AddRedis(ResourceNames.Redis).WithDataVolume().WithoutHttpsCertificate() // plain, as the local one
            .WithArgs("--appendonly", "yes", "--appendfsync", "everysec");
        return new(database, bankDatabase, redis);
    }

    private static DirectPayInfrastructure AddLocalExecutables(IDistributedApplicationBuilder builder, int maxConnections)
    {
        if (OperatingSystem.IsWindows())
            throw new MissingToolException("Without a container engine DirectPay runs postgres and redis-server itself, on Linux or macOS only. Start Docker.");
        // dotnet run keeps its data in a git-ignored folder so the demo survives a restart; tests pass a throwaway one.
        var dataDir = Path.GetFullPath(builder.Configuration[DataDirKey] ?? Path.Combine(builder.AppHostDirectory, ".data"));
        var postgres = builder.AddLocalPostgres(ResourceNames.Postgres, Path.Combine(dataDir, "postgres"), maxConnections);
        var database = builder.AddConnectionString(ResourceNames.Database,
                ReferenceExpression.Create($"{postgres.Resource};Database={DatabaseName}"))
            .WaitFor(postgres);
        // The bank's database is another database on the same server; each service creates its own as it migrates.
        var bankDatabase = builder.AddConnectionString(ResourceNames.BankDatabase,
                ReferenceExpression.Create($"{postgres.Resource};Database={BankDatabaseName}"))
            .WaitFor(postgres);
        var redis = builder.AddLocalRedis(ResourceNames.Redis, Path.Combine(dataDir, "redis"));
        return new(database, bankDatabase, redis);
    }

    private static bool ContainerEngineAnswers()
    {
        try
        {
            using var docker = Process.Start(new ProcessStartInfo("docker", "info")
            {
                RedirectStandardOutput = true, RedirectStandardError = true,
            });
            if (docker is null) return false;
            if (!docker.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                docker.Kill();
                return false;
            }
            return docker.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no docker binary at all
        }
    }
}

/// <summary>DirectPay's database, the bank's database (same server, separate databases), and Redis.</summary>
internal sealed record DirectPayInfrastructure(
    IResourceBuilder<IResourceWithConnectionString> Database,
    IResourceBuilder<IResourceWithConnectionString> BankDatabase,
    IResourceBuilder<IResourceWithConnectionString> Redis);

/// <summary>Something the machine lacks; its message says what to install.</summary>
internal sealed class MissingToolException(string message) : Exception(message);
