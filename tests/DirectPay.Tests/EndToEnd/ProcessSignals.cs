using System.Runtime.InteropServices;

namespace DirectPay.Tests.EndToEnd;

/// <summary>
/// Signals to a service's processes, as an operating system or an orchestrator sends them: SIGKILL (no chance to finish
/// anything), SIGSTOP/SIGCONT (a frozen process, which holds what it took), SIGTERM (a polite stop), SIGINT (Ctrl+C).
/// </summary>
internal static class ProcessSignals
{
    public const int Interrupt = 2, Kill = 9, Terminate = 15, Continue = 18, Stop = 19; // Linux x64 and arm64 numbers

    /// <summary>A process and all its descendants, parents first, from /proc.</summary>
    public static IReadOnlyList<int> Tree(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat")); // "pid (comm) state ppid ...": comm may hold spaces
                parents[pid] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
            }
            catch (IOException) { } // exited while the list was read
        }
        var tree = new List<int> { root };
        for (var i = 0; i < tree.Count; i++)
            tree.AddRange(parents.Where(p => p.Value == tree[i]).Select(p => p.Key));
        return tree;
    }

    public static void Send(IEnumerable<int> pids, int signal)
    {
        foreach (var pid in pids) _ = SendSignal(pid, signal); // a process already gone answers ESRCH: nothing to do
    }

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int SendSignal(int pid, int signal);
}
