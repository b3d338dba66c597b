// DirectPay's benchmark: bench/run.sh builds this in Release and runs it. It starts DirectPay in local mode, signs up
// renters, measures PostgreSQL alone with pgbench, then DirectPay under load, and prints (and appends to RESULTS.md)
// one table of figures, each beside its pgbench counterpart or its target.
using DirectPay;
using DirectPay.Bench;
using Npgsql;

var options = BenchOptions.Parse(args);
Console.WriteLine($"DirectPay bench: {options}");
if (Environment.GetEnvironmentVariable("BENCH_SERVICE_ENV") is { Length: > 0 } experiment) Console.WriteLine($"services' environment: {experiment}");
await using var app = await BenchApp.StartAsync(options.Clients);
await using var db = NpgsqlDataSource.Create(app.DatabaseConnectionString);
using var memory = new MemorySampler(app);

Step("signing up renters");
var renters = await World.SeedAsync(app.Http, options.Renters);
var pgbench = new PgBench(app.DatabaseConnectionString, options.Scripts);
await pgbench.SetUpAsync(db, renters);

Step("pgbench: PostgreSQL alone");
var refs = ("refs", (object)renters.Count);
var pgCpu = new CpuMeter();
var pgPayment = await pgbench.RunAsync(["payment.sql"], options.PgClients, options.Duration, variables: refs);
var pgPaymentCpu = pgCpu.PerUnit((int)(pgPayment.Tps * options.Duration.TotalSeconds), "transaction");
pgCpu = new CpuMeter();
var pgLifecycle = await pgbench.RunAsync(["payment.sql", "transitions.sql"], options.PgClients, options.Duration, variables: refs);
var pgLifecycleCpu = pgCpu.PerUnit((int)(pgLifecycle.Tps * options.Duration.TotalSeconds), "lifecycle");
var pgPaymentAtRate = await pgbench.RunAsync(["payment.sql"], options.PgClients, options.FixedDuration, options.Rate, refs);

Step($"DirectPay at max rate, {options.Clients} clients");
await Queries.ResetStatementsAsync(db);
var maxRateCpu = new CpuMeter();
var maxRate = await Load.MaxRateAsync(app.Http, renters, "max", options.Clients, options.WarmUp, options.Duration);
var maxRateCpuPerPayment = maxRateCpu.PerUnit(maxRate.Count(201) + maxRate.WarmUpAccepted, "accepted payment");
var statements = await Queries.TopStatementsAsync(db, maxRate.Count(201) + maxRate.WarmUpAccepted);

Step("DirectPay: a backlog for the worker, then its drain");
await app.KillAsync(ResourceNames.PaymentWorker);
var backlogCpu = new CpuMeter();
var backlog = await Load.MaxRateAsync(app.Http, renters, "backlog", options.Clients, TimeSpan.Zero, options.Duration);
var backlogCpuPerPayment = backlogCpu.PerUnit(backlog.Count(201), "accepted payment");
await app.StartAgainAsync(ResourceNames.PaymentWorker);
var drainCpu = new CpuMeter();
var drain = await Queries.DrainAsync(db, "backlog-", backlog.Count(201), TimeSpan.FromMinutes(10));
var drainCpuPerPayment = drainCpu.PerUnit(backlog.Count(201), "settled payment");

Step($"DirectPay at {options.Rate}/s, new keys and then the same keys again");
var fixedRate = await Load.FixedRateAsync(app.Http, renters, "fixed", options.Rate, options.FixedCount);
await Queries.DrainAsync(db, "fixed-", fixedRate.Count(201), TimeSpan.FromMinutes(2)); // replays measured alone, not beside the settling
var replay = await Load.FixedRateAsync(app.Http, renters, "fixed", options.Rate, options.FixedCount);
var pickup = await Queries.PickupAsync(db, "fixed-");

Step($"DirectPay lightly loaded, {options.LightRate}/s");
var light = await Load.FixedRateAsync(app.Http, renters, "light", options.LightRate, (int)(options.LightRate * options.FixedDuration.TotalSeconds));
await Queries.DrainAsync(db, "light-", light.Count(201), TimeSpan.FromMinutes(2));
var lightPickup = await Queries.PickupAsync(db, "light-");

Step("pgbench: the replay's read, of the keys DirectPay replayed");
await Queries.ReplaysTableAsync(db, "fixed-");
var pgReplay = await pgbench.RunAsync(["replay.sql"], options.PgClients, options.FixedDuration, options.Rate,
    ("replays", fixedRate.Count(201)));

var report = new Report(options, pgPayment, pgLifecycle, pgPaymentAtRate, pgReplay, maxRate, backlog, drain, fixedRate, replay, pickup,
    light, lightPickup,
    memory.Peak(ResourceNames.Api), memory.Peak(ResourceNames.PaymentWorker));
var markdown = report.ToMarkdown() + $"""

    CPU (ms per unit, by process; {Environment.ProcessorCount} cores):
    - pgbench payment.sql: {pgPaymentCpu}
    - pgbench lifecycle (payment.sql + transitions.sql): {pgLifecycleCpu}
    - DirectPay at max rate, worker running: {maxRateCpuPerPayment}
    - DirectPay at max rate, worker stopped: {backlogCpuPerPayment}
    - the worker draining the backlog: {drainCpuPerPayment}

    """;
Console.WriteLine();
Console.WriteLine(markdown);
Console.WriteLine(statements);
if (options.Results is { } results)
    await File.AppendAllTextAsync(results, $"{markdown}\n<details><summary>The database's time at max rate (pg_stat_statements, api and worker)</summary>\n\n{statements}\n</details>\n\n");
return 0;

static void Step(string what) => Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {what}");
