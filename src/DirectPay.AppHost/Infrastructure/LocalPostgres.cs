using System.Runtime.Versioning;
using Microsoft.Extensions.DependencyInjection;

namespace DirectPay.AppHost.Infrastructure;

/// <summary>The machine's own postgres server, with a connection string like the container's.</summary>
internal sealed class LocalPostgresResource(string name, string command, string workingDirectory, ParameterResource password)
    : LocalServerResource(name, command, workingDirectory, password)
{
    public override ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={Endpoint.Property(EndpointProperty.Host)};Port={Endpoint.Property(EndpointProperty.Port)};Username=postgres;Password={Password}");
}

[UnsupportedOSPlatform("windows")]
internal static class LocalPostgresExtensions
{
    private const string ServerUser = "postgres";

    public static IResourceBuilder<LocalPostgresResource> AddLocalPostgres(this IDistributedApplicationBuilder builder, string name, string dataDir,
        int maxConnections)
    {
        var binDir = FindBinDirectory(builder.Configuration["DirectPay:PostgresBin"]) ?? throw new MissingToolException(
            "DirectPay runs PostgreSQL itself when no container engine answers, and found no postgres server " +
            "(looked in /usr/lib/postgresql/*/bin and PATH). Install it (Debian: apt-get install postgresql), or start Docker.");
        EnsureServerUserReaches(dataDir);
        var passwordFile = dataDir + ".password";
        var password = builder.AddParameter($"{name}-password", () => LocalProcess.ReadOrCreateSecret(passwordFile), secret: true);
        var (command, prefixArgs) = LocalProcess.AsUser(ServerUser, Path.Combine(binDir, "postgres"));

        return builder.AddResource(new LocalPostgresResource(name, command, builder.AppHostDirectory, password.Resource))
            .WithEndpoint(name: LocalServerResource.EndpointName, scheme: "tcp", env: "PGPORT", isProxied: false)
            .WithArgs([.. prefixArgs, "-D", dataDir, "-c", "listen_addresses=127.0.0.1", "-c", $"unix_socket_directories={dataDir}",
                "-c", $"max_connections={maxConnections}",
                .. StatementStatistics(binDir)])
            .WithConnectionHealthCheck((checks, connectionString, check) => checks.AddNpgSql(connectionString, name: check))
            .OnBeforeResourceStarted((_, _, _) =>
            {
                InitializeDataDirectory(binDir, dataDir, LocalProcess.ReadOrCreateSecret(passwordFile));
                return Task.CompletedTask;
            });
    }

    /// <summary>
    /// Per-statement counts and times (CREATE EXTENSION pg_stat_statements to read them; bench/run.sh does), where the
    /// server has the module (Debian's postgresql package does; some distributions ship it separately).
    /// </summary>
    private static string[] StatementStatistics(string binDir) =>
        File.Exists(Path.Combine(binDir, "..", "lib", "pg_stat_statements.so")) ? ["-c", "shared_preload_libraries=pg_stat_statements"] : [];

    /// <summary>initdb once (0.7 s); later runs find PG_VERSION and keep the data.</summary>
    private static void InitializeDataDirectory(string binDir, string dataDir, string password)
    {
        if (File.Exists(Path.Combine(dataDir, "PG_VERSION"))) return;
        Directory.CreateDirectory(dataDir);
        File.SetUnixFileMode(dataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var passwordFile = Path.Combine(Path.GetDirectoryName(dataDir)!, $"initdb-{Guid.NewGuid():N}.pw");
        File.WriteAllText(passwordFile, password);
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            LocalProcess.GiveTo(ServerUser, dataDir);
            LocalProcess.GiveTo(ServerUser, passwordFile);
            var (command, prefixArgs) = LocalProcess.AsUser(ServerUser, Path.Combine(binDir, "initdb"));
            LocalProcess.Run(command, [.. prefixArgs, "-D", dataDir, "-U", "postgres", "--auth=scram-sha-256",
                $"--pwfile={passwordFile}", "-E", "UTF8", "--no-instructions"]);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    /// <summary>
    /// Run as root, postgres runs as the postgres user, which must be able to walk down to its data folder;
    /// under a 0700 folder (a clone in /root) initdb would fail where no one looks, and the api would wait forever.
    /// </summary>
    private static void EnsureServerUserReaches(string dataDir)
    {
        if (!LocalProcess.MustDropRoot(ServerUser)) return;
        var existing = dataDir;
        while (!Directory.Exists(existing)) existing = Path.GetDirectoryName(existing)!;
        try
        {
            var (command, prefixArgs) = LocalProcess.AsUser(ServerUser, LocalProcess.Require("test", "coreutils"));
            LocalProcess.Run(command, [.. prefixArgs, "-x", existing]);
        }
        catch (InvalidOperationException)
        {
            throw new MissingToolException(
                $"PostgreSQL runs as the '{ServerUser}' user, which cannot reach {existing} (a folder on the way is private, " +
                "as /root is). Clone DirectPay elsewhere, or set DirectPay:DataDir to a folder it can reach.");
        }
    }

    private static string? FindBinDirectory(string? configured)
    {
        if (!string.IsNullOrEmpty(configured)) return File.Exists(Path.Combine(configured, "postgres")) ? configured : null;
        const string debianRoot = "/usr/lib/postgresql";
        var debian = Directory.Exists(debianRoot)
            ? Directory.GetDirectories(debianRoot)
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "postgres")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return debian ?? Path.GetDirectoryName(LocalProcess.FindOnPath("postgres"));
    }
}
