using System.Globalization;

namespace DirectPay.Bench;

/// <summary>The bench's knobs, as --name value pairs; the defaults are the documented run (bench/RESULTS.md).</summary>
internal sealed record BenchOptions(int Renters, int Clients, int PgClients, TimeSpan WarmUp, TimeSpan Duration, double Rate,
    TimeSpan FixedDuration, double LightRate, string Scripts, string? Results, string Commit, string Command)
{
    public int FixedCount => (int)(Rate * FixedDuration.TotalSeconds);

    public static BenchOptions Parse(string[] args)
    {
        var given = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2) given[args[i].TrimStart('-')] = args[i + 1];
        int Int(string name, int fallback) => given.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        TimeSpan Seconds(string name, int fallback) => TimeSpan.FromSeconds(Int(name, fallback));
        return new BenchOptions(
            Renters: Int("renters", 200),
            Clients: Int("clients", 32),
            PgClients: Int("pg-clients", 16),
            WarmUp: Seconds("warm-up", 5),
            Duration: Seconds("seconds", 20),
            Rate: Int("rate", 200),
            FixedDuration: Seconds("fixed-seconds", 20),
            LightRate: Int("light-rate", 20),
            Scripts: Path.GetFullPath(given.GetValueOrDefault("scripts", "bench/pgbench")),
            Results: given.GetValueOrDefault("results"),
            Commit: given.GetValueOrDefault("commit", "unknown"),
            Command: given.GetValueOrDefault("command", "bench/run.sh"));
    }

    public override string ToString() =>
        $"{Renters} renters, {Clients} http clients, {PgClients} pgbench clients, {WarmUp.TotalSeconds:0} s warm-up, " +
        $"{Duration.TotalSeconds:0} s at max rate, {Rate}/s and {LightRate}/s for {FixedDuration.TotalSeconds:0} s each";
}
