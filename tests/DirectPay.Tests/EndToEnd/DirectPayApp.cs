using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using DirectPay.Vault;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace DirectPay.Tests.EndToEnd;

/// <summary>
/// One DirectPay (AppHost with local postgres and redis-server, api, worker) for the whole test run:
/// starting takes seconds, so every end-to-end class shares it through the "app" collection.
/// </summary>
public sealed class DirectPayApp : IAsyncLifetime
{
    public const string AdminEmail = "admin@directpay.test";
    public readonly string AdminPassword = $"admin-{Guid.NewGuid():N}";
    /// <summary>The api's token signing key, so tests can forge expired tokens the api would otherwise accept.</summary>
    public readonly string JwtSigningKey = $"{Guid.NewGuid():N}{Guid.NewGuid():N}";
    /// <summary>DirectPay's key at its bank, so tests can reach the bank as DirectPay does.</summary>
    public readonly string BankApiKey = $"{Guid.NewGuid():N}{Guid.NewGuid():N}";
    /// <summary>The vault's key (as the AppHost's vault-key parameter), so tests can open what the api sealed.</summary>
    public readonly string VaultKey = $"{Guid.NewGuid():N}{Guid.NewGuid():N}";
    public const int WorkerReplicas = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    /// <summary>
    /// How long a restarted service may take to be healthy: long enough for a slow start, short of one that never comes.
    /// A start is mostly one thread's work, and while the others work at full tilt it gets a small share of two cores:
    /// in the full chaos run (20-50 threads runnable) the api's took 77-127 s, against 9 s on an idle machine.
    /// </summary>
    private static readonly TimeSpan RestartDeadline = TimeSpan.FromMinutes(5);
    private readonly string _dataDir = Directory.CreateTempSubdirectory("directpay-tests-").FullName;
    private DistributedApplication? _app;

    public DirectPayApp() => Admin = new(() => ApiClient.LogInAdminAsync(this));

    public HttpClient Http { get; private set; } = null!;
    /// <summary>The vault as the api and the worker have it (the AppHost names the key k1).</summary>
    public VaultProtector Vault => new(Options.Create(new VaultOptions { CurrentKeyId = "k1", Keys = { ["k1"] = VaultKey } }));
    public Lazy<Task<Caller>> Admin { get; }
    public string DatabaseConnectionString { get; private set; } = null!;
    /// <summary>The bank's own database, for tests that check what the bank holds.</summary>
    public NpgsqlDataSource BankDatabase { get; private set; } = null!;
    public string RedisConnectionString { get; private set; } = null!;
    public IConnectionMultiplexer Redis { get; private set; } = null!;
    public ResourceNotificationService Notifications => _app!.ResourceNotifications;
    public NpgsqlDataSource Database { get; private set; } = null!;
    /// <summary>Every trace, log and metric the api and workers exported, and their console output, for the whole run.</summary>
    public TelemetryCollector Telemetry { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // The postgres user, which the local server runs as, must reach its data folder.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_dataDir, (UnixFileMode)0b111_101_101);
        Telemetry = await TelemetryCollector.StartAsync();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.DirectPay_AppHost>(
        [
            "DirectPay:Infra=local",
            $"DirectPay:DataDir={_dataDir}",
            $"Parameters:admin-email={AdminEmail}",
            $"Parameters:admin-password={AdminPassword}",
            $"Parameters:jwt-signing-key={JwtSigningKey}",
            $"Parameters:bank-api-key={BankApiKey}",
            $"Parameters:vault-key={VaultKey}",
            "Parameters:time-scale=0.001", // standard ACH answers in about 150 ms instead of 2-3 minutes
            $"Parameters:worker-replicas={WorkerReplicas}", // every test runs against workers sharing the stream and the schedulers
        ]);
        // Claim abandoned stream entries after a second, not thirty, so the claim tests are quick.
        builder.CreateResourceBuilder<ProjectResource>(ResourceNames.PaymentWorker)
            .WithEnvironment("PaymentWorker__ClaimIdleAfter", "00:00:01")
            .WithEnvironment("PaymentWorker__ClaimEvery", "00:00:00.500")
            .WithEnvironment("PaymentWorker__RedriveAfter", "00:00:05")
            .WithEnvironment("PaymentWorker__RedriveEvery", "00:00:00.500")
            .WithEnvironment("PaymentWorker__RentSchedulersEvery", "00:00:00.500")
            .WithEnvironment("Webhooks__FirstRetryAfter", "00:00:00.200")
            .WithEnvironment("Webhooks__Timeout", "00:01:00") // a slow receiver's send is still open when the test checks
            // Each round of these is logged, so a test can wait for rounds rather than for time (Workers.RoundsAsync).
            .WithEnvironment("Logging__LogLevel__DirectPay.PaymentWorker.AutopayScheduler", "Debug")
            .WithEnvironment("Logging__LogLevel__DirectPay.PaymentWorker.LateFeeScheduler", "Debug")
            .WithEnvironment("Logging__LogLevel__DirectPay.PaymentWorker.ReconciliationJob", "Debug")
            .WithEnvironment("Webhooks__AllowedPrivateHosts__0", "127.0.0.1"); // the tests' own webhook receiver
        foreach (var service in new[] { ResourceNames.Api, ResourceNames.PaymentWorker, ResourceNames.Bank })
        {
            builder.CreateResourceBuilder<ProjectResource>(service) // telemetry to the collector, exported every 200 ms
                .WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", Telemetry.Endpoint)
                .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                .WithEnvironment("OTEL_BSP_SCHEDULE_DELAY", "200")
                .WithEnvironment("OTEL_BLRP_SCHEDULE_DELAY", "200");
        }
        builder.CreateResourceBuilder<ProjectResource>(ResourceNames.Api)
            .WithEnvironment("Webhooks__AllowedPrivateHosts__0", "127.0.0.1")
            .WithEnvironment("ForwardedHeaders__KnownProxies__0", "127.0.0.1") // tests play clients at other addresses through it
            // Every test user signs up and in from 127.0.0.1; writes per user and sign-ins per email keep limits RateLimitTests meet.
            // Every test signs users up and in: PBKDF2 at its production 100,000 iterations would be most of the suite's time.
            .WithEnvironment("PasswordHasher__IterationCount", "1000")
            .WithEnvironment("RateLimits__SignInsPerIp__PermitLimit", "1000000")
            .WithEnvironment("RateLimits__WritesPerUser__PermitLimit", RateLimitTests.WritesPerWindow.ToString())
            .WithEnvironment("RateLimits__WritesPerUser__Window", "00:00:30");
        _app = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await _app.StartAsync(timeout.Token);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.PaymentWorker, timeout.Token);

        Http = _app.CreateHttpClient(ResourceNames.Api, "http");
        DatabaseConnectionString = TestsShare(await _app.GetConnectionStringAsync(ResourceNames.Database, timeout.Token)
            ?? throw new InvalidOperationException("No database connection string."));
        Database = NpgsqlDataSource.Create(DatabaseConnectionString);
        BankDatabase = NpgsqlDataSource.Create(TestsShare(await _app.GetConnectionStringAsync(ResourceNames.BankDatabase, timeout.Token)
            ?? throw new InvalidOperationException("No bank database connection string.")));
        RedisConnectionString = await _app.GetConnectionStringAsync(ResourceNames.Redis, timeout.Token)
            ?? throw new InvalidOperationException("No redis connection string.");
        Redis = await ConnectionMultiplexer.ConnectAsync(RedisConnectionString + ",allowAdmin=true");
        foreach (var instance in (await InstancesAsync(ResourceNames.Api)).Concat(await InstancesAsync(ResourceNames.PaymentWorker))
                     .Concat(await InstancesAsync(ResourceNames.Bank)))
            _ = KeepConsoleAsync(instance);
    }

    /// <summary>The tests' own pools stay within the connections the server keeps for others (ConnectionBudget).</summary>
    private static string TestsShare(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 20 }.ConnectionString;

    /// <summary>Copies a resource instance's console output into <see cref="Telemetry"/> until the app stops.</summary>
    private async Task KeepConsoleAsync(string instance)
    {
        try
        {
            await foreach (var batch in _app!.Services.GetRequiredService<ResourceLoggerService>().WatchAsync(instance))
                foreach (var line in batch) Telemetry.ConsoleLines.Enqueue((instance, line.Content));
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    public async Task DisposeAsync()
    {
        if (Database is not null) await Database.DisposeAsync();
        if (BankDatabase is not null) await BankDatabase.DisposeAsync();
        if (Redis is not null) await Redis.DisposeAsync();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (Telemetry is not null) await Telemetry.DisposeAsync(); // after the services' last export
        try { Directory.Delete(_dataDir, recursive: true); }
        catch (IOException) { /* a server still closing its files; the temp folder is cleaned by the OS */ }
    }

    /// <summary>A client of the bank's customer API, with or without DirectPay's key.</summary>
    public HttpClient BankHttp(bool withKey = true)
    {
        var http = _app!.CreateHttpClient(ResourceNames.Bank, "http");
        if (withKey) http.DefaultRequestHeaders.Authorization = new("Bearer", BankApiKey);
        return http;
    }

    public Task<ExecuteCommandResult> ExecuteCommandAsync(string resource, string command) =>
        _app!.ResourceCommands.ExecuteCommandAsync(resource, command);

    /// <summary>The names of a resource's instances (itself, or each of its replicas), from the states the app reports.</summary>
    public async Task<IReadOnlyList<string>> InstancesAsync(string resourceName)
    {
        var instances = new HashSet<string>();
        using var enough = new CancellationTokenSource(TimeSpan.FromMilliseconds(500)); // the current states come first
        try
        {
            await foreach (var state in Notifications.WatchAsync(enough.Token))
                if (state.Resource.Name == resourceName) instances.Add(state.ResourceId);
        }
        catch (OperationCanceledException) { }
        return instances.Order().ToList();
    }

    private IResource Resource(string name) =>
        _app!.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == name);

    /// <summary>
    /// Kills every replica of a project resource (SIGKILL: no chance to finish anything), starts them again with the
    /// dashboard's start command, and waits until they are healthy.
    /// </summary>
    public async Task KillAndStartAsync(string resourceName)
    {
        var instances = await InstancesAsync(resourceName);
        foreach (var instance in instances) await KillAsync(instance);
        Database.Clear(); // the tests' own pooled connections to a killed postgres are dead
        BankDatabase.Clear();
        var result = await _app!.ResourceCommands.ExecuteCommandAsync(Resource(resourceName), KnownResourceCommands.StartCommand);
        Assert.True(result.Success, $"Starting {resourceName} failed: {result.Message}");
        foreach (var instance in instances) await WaitUntilBackHealthyAsync(instance);
    }

    /// <summary>The process tree of a resource instance: the launcher the app reports and everything it started.</summary>
    public IReadOnlyList<int> ProcessTree(string instance)
    {
        Assert.True(Notifications.TryGetCurrentState(instance, out var state));
        return ProcessSignals.Tree(Convert.ToInt32(state.Snapshot.Properties.Single(p => p.Name == "executable.pid").Value));
    }

    /// <summary>SIGKILLs one resource instance's process tree and waits until the app sees it stopped.</summary>
    public async Task KillAsync(string instance)
    {
        // Waits by instance (WaitForResourceAsync matches the resource's name, which every replica shares); kills the
        // tree again while it waits, as a process started while the tree was walked would otherwise survive.
        var killedAt = DateTime.MinValue;
        var tree = ProcessTree(instance);
        await Eventually.TrueAsync(() =>
        {
            if (IsStopped(instance)) return Task.FromResult(true);
            if (DateTime.UtcNow - killedAt > TimeSpan.FromSeconds(2))
            {
                ProcessSignals.Send(tree, ProcessSignals.Kill);
                tree = ProcessSignals.Tree(tree[0]);
                killedAt = DateTime.UtcNow;
            }
            return Task.FromResult(false);
        }, $"{instance} never stopped (pid {tree[0]}).");
    }

    /// <summary>Starts one stopped resource instance with the dashboard's start command and waits until it is healthy.</summary>
    public async Task StartAsync(string instance)
    {
        var result = await _app!.ResourceCommands.ExecuteCommandAsync(instance, KnownResourceCommands.StartCommand);
        Assert.True(result.Success, $"Starting {instance} failed: {result.Message}");
        await WaitUntilBackHealthyAsync(instance);
    }

    /// <summary>Starts the instance again if it is stopped (a test that stops one ends with this, pass or fail).</summary>
    public async Task EnsureRunningAsync(string instance)
    {
        if (IsStopped(instance)) await StartAsync(instance);
    }

    /// <summary>Whether the app reports the instance (a replica, or the resource itself) in a terminal state.</summary>
    public bool IsStopped(string instance) =>
        Notifications.TryGetCurrentState(instance, out var state) && KnownResourceStates.TerminalStates.Contains(state.Snapshot.State?.Text);

    /// <summary>Each instance by its own state: a wait by name can still see a replica's state from before the start.</summary>
    private async Task WaitUntilBackHealthyAsync(string instance)
    {
        Task BackHealthyAsync() => Eventually.TrueAsync(() => Task.FromResult(Notifications.TryGetCurrentState(instance, out var now)
            && now.Snapshot.State?.Text == KnownResourceStates.Running
            && now.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy), $"{instance} never came back healthy.",
            RestartDeadline);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await BackHealthyAsync();
                return;
            }
            catch (Xunit.Sdk.XunitException) when (attempt == 1 && IsStopped(instance))
            {
                // Stopped when the wait ends (seen once in about ten full runs, 30 s after the start): press start again, as an
                // operator would. A replica that does not come back then fails below with its state and last log lines.
                await _app!.ResourceCommands.ExecuteCommandAsync(instance, KnownResourceCommands.StartCommand);
            }
            catch (Xunit.Sdk.XunitException)
            {
                Notifications.TryGetCurrentState(instance, out var state);
                throw new InvalidOperationException($"{instance} never came back healthy: {state?.Snapshot.State?.Text} " +
                    $"{state?.Snapshot.HealthStatus} exit {state?.Snapshot.ExitCode}\n{string.Join("\n", await LogsAsync(instance))}");
            }
        }
    }

    /// <summary>The last lines a resource instance wrote, for a failure message.</summary>
    private async Task<List<string>> LogsAsync(string instance)
    {
        var lines = new List<string>();
        using var enough = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await foreach (var batch in _app!.Services.GetRequiredService<ResourceLoggerService>().WatchAsync(instance).WithCancellation(enough.Token))
                lines.AddRange(batch.Select(l => l.Content));
        }
        catch (OperationCanceledException) { }
        return lines.TakeLast(40).ToList();
    }

    public HttpClient CreateHttpClient(string resource) => _app!.CreateHttpClient(resource, "http");

    /// <summary>The resource's http endpoint, for a client of the test's own making (no resilience handler).</summary>
    public Uri Endpoint(string resource) => _app!.GetEndpoint(resource, "http");

    /// <summary>Waits until a database session waits on a lock that the <paramref name="holder"/> connection holds.</summary>
    public Task WaitUntilSomeoneWaitsOnAsync(NpgsqlConnection holder) => Eventually.TrueAsync(async () =>
        await ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))", holder.ProcessID) > 0,
        "No one ever waited on the test's lock.");

    public async Task<long> CountAsync(string table)
    {
        await using var command = Database.CreateCommand($"SELECT count(*) FROM {table}");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public Task<T?> ScalarAsync<T>(string sql, params object[] parameters) => ScalarAsync<T>(Database, sql, parameters);

    /// <summary>A value from the bank's own database.</summary>
    public Task<T?> BankScalarAsync<T>(string sql, params object[] parameters) => ScalarAsync<T>(BankDatabase, sql, parameters);

    private static async Task<T?> ScalarAsync<T>(NpgsqlDataSource database, string sql, object[] parameters)
    {
        await using var command = database.CreateCommand(sql);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<DirectPayApp>
{
    public const string Name = "app";
}
