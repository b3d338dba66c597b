using System.Diagnostics;
using Npgsql;

namespace DirectPay.Bench;

/// <summary>Settlement throughput, from the payments' own completion times.</summary>
internal sealed record Drain(long Completed, double Seconds)
{
    public double PerSecond => Completed / Seconds;
}

/// <summary>What the database says about the payments a phase made, found by their idempotency keys' prefix.</summary>
internal static class Queries
{
    private const string PhasePayments = "FROM idempotency_records k JOIN payments p ON p.id = k.payment_id";
    private const string OfPhase = "k.key LIKE @prefix || '%'";

    /// <summary>
    /// Waits until every payment of the phase completed; then the steady rate: the last 80% of the completions over the
    /// time they took (the first fifth is the worker's start: it was just started again, and its JIT still warming up).
    /// </summary>
    public static async Task<Drain> DrainAsync(NpgsqlDataSource db, string prefix, int accepted, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var completed = await ReadAsync(db, $"SELECT count(*) {PhasePayments} WHERE {OfPhase} AND p.status = 'completed'",
                prefix, r => r.GetInt64(0));
            if (completed >= accepted) break;
            if (waited.Elapsed > timeout) throw new TimeoutException($"{completed} of {accepted} {prefix} payments completed in {timeout}.");
            await Task.Delay(500);
        }
        var (steady, seconds) = await ReadAsync(db, $"""
            SELECT count(*) FILTER (WHERE n > total / 5),
                   extract(epoch FROM max(completed_at) - min(completed_at) FILTER (WHERE n > total / 5))::float8
            FROM (SELECT p.completed_at, row_number() OVER (ORDER BY p.completed_at) AS n, count(*) OVER () AS total
                  {PhasePayments} WHERE {OfPhase} AND p.status = 'completed') AS completions
            """, prefix, r => (r.GetInt64(0), r.GetDouble(1)));
        return new Drain(steady, seconds);
    }

    /// <summary>Accepted → picked up: the initiated event's time to the worker's processing event's (p50, p99 in ms).</summary>
    public static Task<(double P50, double P99)> PickupAsync(NpgsqlDataSource db, string prefix) =>
        ReadAsync(db, $"""
            SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s.occurred_at - i.occurred_at) * 1000)::float8,
                   percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM s.occurred_at - i.occurred_at) * 1000)::float8
            {PhasePayments}
            JOIN payment_events i ON i.payment_id = p.id AND i.sequence = 1
            JOIN payment_events s ON s.payment_id = p.id AND s.sequence = 2
            WHERE {OfPhase}
            """, prefix, r => (r.GetDouble(0), r.GetDouble(1)));

    /// <summary>bench.replays: the keys of a phase, numbered, for pgbench's replay.sql.</summary>
    public static async Task ReplaysTableAsync(NpgsqlDataSource db, string prefix)
    {
        await using var command = db.CreateCommand("""
            CREATE TABLE bench.replays AS
            SELECT row_number() OVER (ORDER BY key)::int AS n, owner_id, key FROM idempotency_records WHERE key LIKE @prefix || '%';
            ALTER TABLE bench.replays ADD PRIMARY KEY (n);
            """);
        command.Parameters.AddWithValue("prefix", prefix);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Starts pg_stat_statements' counts afresh (the local postgres preloads it).</summary>
    public static async Task ResetStatementsAsync(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();");
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Where the database's time went since the reset: the statements with the most total time, per payment.</summary>
    public static async Task<string> TopStatementsAsync(NpgsqlDataSource db, int payments, int top = 15)
    {
        await using var command = db.CreateCommand("""
            SELECT calls, total_exec_time, mean_exec_time, regexp_replace(query, '\s+', ' ', 'g')
            FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT $1
            """);
        command.Parameters.AddWithValue(top);
        var md = new System.Text.StringBuilder("| calls per payment | total ms | mean ms | statement |\n| ---: | ---: | ---: | --- |\n");
        var all = await TotalsAsync(db);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var query = reader.GetString(3);
            md.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"| {reader.GetInt64(0) / (double)payments:0.00} | {reader.GetDouble(1):0} | {reader.GetDouble(2):0.000} | `{(query.Length > 110 ? query[..110] + "…" : query).Replace("|", "\\|")}` |\n");
        }
        md.Append(System.Globalization.CultureInfo.InvariantCulture,
            $"\nAll statements: {all.Calls / (double)payments:0.0} per payment, {all.TotalMs / payments:0.00} ms of execution per payment.\n");
        return md.ToString();
    }

    private static Task<(long Calls, double TotalMs)> TotalsAsync(NpgsqlDataSource db) =>
        ReadAsync(db, "SELECT sum(calls)::int8, sum(total_exec_time)::float8 FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'",
            null, r => (r.GetInt64(0), r.GetDouble(1)));

    private static async Task<T> ReadAsync<T>(NpgsqlDataSource db, string sql, string? prefix, Func<NpgsqlDataReader, T> read)
    {
        await using var command = db.CreateCommand(sql);
        if (prefix is not null) command.Parameters.AddWithValue("prefix", prefix);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return read(reader);
    }
}
