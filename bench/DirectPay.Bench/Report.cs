using System.Globalization;
using System.Text;

namespace DirectPay.Bench;

/// <summary>One run's figures as a markdown section: each beside its pgbench counterpart (or target), with the ratio.</summary>
internal sealed record Report(BenchOptions Options, PgBenchResult PgPayment, PgBenchResult PgLifecycle, PgBenchResult PgPaymentAtRate,
    PgBenchResult PgReplay, LoadResult MaxRate, LoadResult Backlog, Drain Drain, LoadResult FixedRate, LoadResult Replay,
    (double P50, double P99) Pickup, LoadResult Light, (double P50, double P99) LightPickup, double ApiRssMB, double WorkerRssMB)
{
    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"## {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · commit {Options.Commit} · `{Options.Command}`");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores; {Options}.");
        md.AppendLine();
        md.AppendLine("| figure | DirectPay | pgbench counterpart | ratio (to pgbench, else to the target) | target | met |");
        md.AppendLine("| --- | ---: | ---: | ---: | --- | :---: |");
        Row(md, $"accepted payments/s ({Options.Clients} clients, worker running)", MaxRate.PerSecond(201), "/s",
            PgPayment.Tps, "payment.sql tps", higherIsBetter: true, target: 0.5, targetText: "≥ 0.5 × pgbench");
        Row(md, $"settled payments/s (steady drain: the last {Drain.Completed} of {Backlog.Count(201)} instant payments)", Drain.PerSecond, "/s",
            PgLifecycle.Tps, "lifecycle tps", higherIsBetter: true, target: 0.5, targetText: "≥ 0.5 × pgbench");
        Row(md, $"POST p50 at {Options.Rate}/s", FixedRate.Percentile(50), " ms", PgPaymentAtRate.P50, "payment.sql p50");
        Row(md, $"POST p99 at {Options.Rate}/s", FixedRate.Percentile(99), " ms", PgPaymentAtRate.P99, "payment.sql p99",
            absoluteTarget: 10, targetText: "≤ 10 ms");
        Row(md, $"replay p50 at {Options.Rate}/s", Replay.Percentile(50), " ms", PgReplay.P50, "replay.sql p50");
        Row(md, $"replay p99 at {Options.Rate}/s", Replay.Percentile(99), " ms", PgReplay.P99, "replay.sql p99",
            absoluteTarget: 5, targetText: "≤ 5 ms");
        Row(md, $"accepted → picked up p50 at {Options.Rate}/s", Pickup.P50, " ms", null, "", absoluteTarget: 5, targetText: "≤ 5 ms");
        Row(md, $"accepted → picked up p99 at {Options.Rate}/s", Pickup.P99, " ms", null, "");
        Row(md, $"POST p50 at {Options.LightRate}/s", Light.Percentile(50), " ms", null, "");
        Row(md, $"POST p99 at {Options.LightRate}/s", Light.Percentile(99), " ms", null, "");
        Row(md, $"accepted → picked up p50 at {Options.LightRate}/s", LightPickup.P50, " ms", null, "", absoluteTarget: 5, targetText: "≤ 5 ms");
        Row(md, $"accepted → picked up p99 at {Options.LightRate}/s", LightPickup.P99, " ms", null, "");
        Row(md, "api RSS, peak", ApiRssMB, " MB", null, "", absoluteTarget: 250, targetText: "≤ 250 MB");
        Row(md, "worker RSS, peak", WorkerRssMB, " MB", null, "");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Answers: max rate {MaxRate}; backlog ({Backlog.PerSecond(201):0}/s accepted with the worker stopped) {Backlog}; " +
            $"{Options.Rate}/s {FixedRate}; replays {Replay}; {Options.LightRate}/s {Light} (1201 = 201 with Idempotent-Replayed).");
        return md.ToString();
    }

    /// <summary>A ratio target compares with the counterpart; an absolute target (same unit) with the figure itself.</summary>
    private static void Row(StringBuilder md, string figure, double value, string unit, double? counterpart, string counterpartName,
        bool higherIsBetter = false, double? target = null, double? absoluteTarget = null, string targetText = "")
    {
        var ratio = counterpart is { } c ? value / c : absoluteTarget is { } limit ? value / limit : (double?)null;
        bool? met = target is { } t && ratio is { } r ? (higherIsBetter ? r >= t : r <= t)
            : absoluteTarget is { } a ? value <= a
            : null;
        md.AppendLine(CultureInfo.InvariantCulture,
            $"| {figure} | {value:0.0}{unit} | {(counterpart is { } cp ? $"{cp:0.0}{unit} ({counterpartName})" : "—")} | " +
            $"{(ratio is { } q ? $"{q:0.00}" : "—")} | {targetText} | {(met switch { true => "yes", false => "**no**", null => "" })} |");
    }
}
