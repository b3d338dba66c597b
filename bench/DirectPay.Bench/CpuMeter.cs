using System.Globalization;

namespace DirectPay.Bench;

/// <summary>
/// CPU time by process name (/proc/PID/stat: utime + stime), to say what a payment costs each process: the measured
/// bound on throughput when the cores are saturated is cores / (CPU seconds per payment).
/// </summary>
internal sealed class CpuMeter
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux
    private readonly Dictionary<string, double> _start = Snapshot();

    /// <summary>CPU milliseconds per unit of work since this meter started, by process, the busiest first.</summary>
    public string PerUnit(int units, string unit)
    {
        var end = Snapshot();
        var used = end.Select(p => (Name: p.Key, Ms: (p.Value - _start.GetValueOrDefault(p.Key)) * 1000 / units))
            .Where(p => p.Ms >= 0.01).OrderByDescending(p => p.Ms).ToList();
        return string.Join(", ", used.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name} {p.Ms:0.00}"))) +
               string.Create(CultureInfo.InvariantCulture, $"; total {used.Sum(p => p.Ms):0.00} ms of CPU per {unit}");
    }

    private static Dictionary<string, double> Snapshot()
    {
        var seconds = new Dictionary<string, double>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var name = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')]; // "pid (name) state ppid ..."; the name may hold spaces
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                double Ticks(int field) => long.Parse(fields[field], CultureInfo.InvariantCulture) / TicksPerSecond;
                seconds[name] = seconds.GetValueOrDefault(name) + Ticks(11) + Ticks(12); // utime, stime
                // cutime, cstime: children that ended, as postgres backends of pgbench's connections, and pgbench itself
                // (the only child this process waits for)
                if (pid == 1) continue; // init reaps orphans, as a killed worker: their whole lives, not this window
                var children = name == "DirectPay.Bench" ? "pgbench" : name;
                seconds[children] = seconds.GetValueOrDefault(children) + Ticks(13) + Ticks(14);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // the process ended meanwhile
            }
        }
        return seconds;
    }
}
