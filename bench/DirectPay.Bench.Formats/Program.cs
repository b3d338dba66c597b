// The bank formats' benchmark: bench/formats.sh builds this in Release and runs it. It writes, validates and reads a
// NACHA file of 100,000 entries with Core's code, has the npm parser read the same file (bench/formats-js), and
// prints (and appends to RESULTS.md) the figures side by side.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DirectPay.Banking.Nacha;
using DirectPay.Bench.Formats;

var entries = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var results = args.Length > 1 ? args[1] : null;
var command = args.Length > 2 ? args[2] : "bench/formats.sh";
var commit = args.Length > 3 ? args[3] : "unknown";
const int Runs = 10;

var originator = new AchOriginator("091000019", "FIRST STATE BANK", "1234567890", "DIRECTPAY INC", "DIRECTPAY", "1234567890");
var outgoing = SampleEntries.Create(entries);
var built = NachaOrigination.Build(originator, DateTimeOffset.UtcNow, 'A', 1, outgoing);
var path = Path.Combine(Path.GetTempPath(), $"directpay-bench-{entries}.ach");
File.WriteAllBytes(path, built.Bytes);

var build = Measure.Median(Runs, () => NachaOrigination.Build(originator, DateTimeOffset.UtcNow, 'A', 1, outgoing));
var write = Measure.Median(Runs, () => NachaWriter.Write(built.File));
var validate = Measure.Median(Runs, () => NachaOrigination.Validate(built.Bytes, originator));
var read = Measure.Median(Runs, () => NachaReader.Read(built.Bytes));
var peer = Measure.Node(path, Runs);
if (peer.Entries != entries) throw new InvalidOperationException($"The npm parser found {peer.Entries} entries, not {entries}.");

var size = built.Bytes.Length / 1048576.0;
string[] table =
[
    $"NACHA file of {entries:N0} entries ({size:0.0} MB, {built.File.Batches.Count} batches); median of {Runs} runs after warm-up, one thread.",
    "",
    "| step | DirectPay (Core) | entries/s | allocated | @midlandsbank/node-nacha 0.4.0 | ratio |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    Row("write (model to bytes)", write),
    Row("build (batch, trace, write, validate)", build),
    Row("validate (read and origination rules)", validate),
    Row("read", read, $"{peer.MedianMs:0.0} ms | {peer.MedianMs / read.Milliseconds:0.0}x"),
    "",
    $"The npm parser reads lines into objects without checking counts, totals, hash, check digits or field types; DirectPay's",
    $"read does all of those. Node {peer.Version}, heap after reading {peer.HeapMB:0} MB.",
];
foreach (var line in table) Console.WriteLine(line);
if (results is not null)
{
    File.AppendAllLines(results, ["", $"## {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · commit {commit} · `{command}`", "", .. table]);
}

string Row(string step, Measure.Result r, string peerColumns = "|") =>
    $"| {step} | {r.Milliseconds:0.0} ms | {entries / (r.Milliseconds / 1000):N0} | {r.AllocatedMB:0} MB | {peerColumns} |";

namespace DirectPay.Bench.Formats
{
    internal static class Measure
    {
        public sealed record Result(double Milliseconds, double AllocatedMB);

        public sealed record NodeResult(double MedianMs, int Entries, double HeapMB, string Version);

        public static Result Median(int runs, Action action)
        {
            action();
            action();
            var times = new List<double>();
            long allocated = 0;
            for (var i = 0; i < runs; i++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var watch = Stopwatch.StartNew();
                action();
                times.Add(watch.Elapsed.TotalMilliseconds);
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            }
            times.Sort();
            return new Result(times[runs / 2], allocated / 1048576.0);
        }

        public static NodeResult Node(string path, int runs)
        {
            // bench/formats.sh runs this from the repository's root.
            var output = Run("node", "bench/formats-js/read-nacha.js", path, runs.ToString(CultureInfo.InvariantCulture));
            var json = JsonDocument.Parse(output).RootElement;
            return new NodeResult(json.GetProperty("medianMs").GetDouble(), json.GetProperty("entries").GetInt32(),
                json.GetProperty("heapMB").GetDouble(), Run("node", "--version").Trim());
        }

        private static string Run(string file, params string[] arguments)
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true })!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}.");
        }
    }
}
