using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace DirectPay.Bench;

/// <summary>What pgbench measured: transactions per second, and latency percentiles (ms) from its per-transaction log.</summary>
internal sealed record PgBenchResult(double Tps, double P50, double P99);

/// <summary>
/// pgbench with the scripts in bench/pgbench, against DirectPay's own PostgreSQL while DirectPay runs, so every figure has
/// PostgreSQL's own counterpart measured on the same machine in the same run.
/// </summary>
internal sealed partial class PgBench(string connectionString, string folder)
{
    private readonly NpgsqlConnectionStringBuilder _connection = new(connectionString);

    /// <summary>The bench schema (setup.sql) and bench.refs: one row per seeded renter, for the scripts' foreign keys.</summary>
    public async Task SetUpAsync(NpgsqlDataSource db, IReadOnlyList<Renter> renters)
    {
        await using (var setup = db.CreateCommand(await File.ReadAllTextAsync(Path.Combine(folder, "setup.sql"))))
            await setup.ExecuteNonQueryAsync();
        await using var connection = await db.OpenConnectionAsync();
        await using var import = await connection.BeginBinaryImportAsync(
            "COPY bench.refs (n, lease_id, payer_id, payer_account_id, payee_id, payee_account_id) FROM STDIN (FORMAT BINARY)");
        for (var i = 0; i < renters.Count; i++)
        {
            var r = renters[i];
            await import.WriteRowAsync(default, i + 1, r.LeaseId, r.Id, r.AccountId, r.LandlordId, r.LandlordAccountId);
        }
        await import.CompleteAsync();
    }

    /// <summary>
    /// Runs the scripts, one after the other, as one pgbench script with -M prepared; at most <paramref name="rate"/>
    /// of them per second when given.
    /// </summary>
    public async Task<PgBenchResult> RunAsync(string[] scripts, int clients, TimeSpan duration, double? rate = null,
        params (string Name, object Value)[] variables)
    {
        var logs = Directory.CreateTempSubdirectory("directpay-pgbench-").FullName;
        var script = Path.Combine(logs, "script.sql");
        await File.WriteAllLinesAsync(script, scripts.Select(s => File.ReadAllText(Path.Combine(folder, s))));
        var start = new ProcessStartInfo(Executable())
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = logs,
            Environment =
            {
                ["PGHOST"] = _connection.Host, ["PGPORT"] = _connection.Port.ToString(CultureInfo.InvariantCulture),
                ["PGUSER"] = _connection.Username, ["PGPASSWORD"] = _connection.Password, ["PGDATABASE"] = _connection.Database,
            },
        };
        foreach (var arg in new[] { "-n", "-M", "prepared", "-c", $"{clients}", "-j", $"{Math.Min(clients, 2)}",
                     "-T", $"{(int)duration.TotalSeconds}", "-f", script, "-l", "--log-prefix=tx" })
            start.ArgumentList.Add(arg);
        if (rate is { } r) { start.ArgumentList.Add("-R"); start.ArgumentList.Add($"{r}"); }
        foreach (var (name, value) in variables) { start.ArgumentList.Add("-D"); start.ArgumentList.Add($"{name}={value}"); }

        using var pgbench = Process.Start(start)!;
        var output = await pgbench.StandardOutput.ReadToEndAsync();
        var errors = await pgbench.StandardError.ReadToEndAsync();
        await pgbench.WaitForExitAsync();
        if (pgbench.ExitCode != 0) throw new InvalidOperationException($"pgbench {string.Join(" + ", scripts)} exited {pgbench.ExitCode}: {errors}");

        var tps = double.Parse(Tps().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        // Each log line: client_id transaction_no time_us script_no epoch epoch_us [schedule_lag_us]. With -R the lag counts
        // too, as the api's latency counts from when a request was due.
        var latencies = Directory.GetFiles(logs, "tx.*").SelectMany(File.ReadLines)
            .Select(line => line.Split(' '))
            .Select(f => (long.Parse(f[2], CultureInfo.InvariantCulture) + (f.Length > 6 ? long.Parse(f[6], CultureInfo.InvariantCulture) : 0)) / 1000.0)
            .ToList();
        Directory.Delete(logs, recursive: true);
        return new PgBenchResult(tps, Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 99));
    }

    private static string Executable() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "pgbench")).Where(File.Exists)
                .OrderDescending().FirstOrDefault() ?? "pgbench"
            : "pgbench";

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();
}
