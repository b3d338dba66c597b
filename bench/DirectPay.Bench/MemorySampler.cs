using System.Collections.Concurrent;
using System.Diagnostics;

namespace DirectPay.Bench;

/// <summary>The resident set (RSS) of the api and the worker, sampled every 250 ms for the whole run: the peak counts.</summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly ConcurrentDictionary<string, long> _peaks = new();
    private readonly Timer _timer;

    public MemorySampler(BenchApp app) =>
        _timer = new Timer(_ =>
        {
            foreach (var resource in new[] { ResourceNames.Api, ResourceNames.PaymentWorker })
            {
                try
                {
                    using var process = app.ProcessOf(resource);
                    _peaks.AddOrUpdate(resource, process.WorkingSet64, (_, peak) => Math.Max(peak, process.WorkingSet64));
                }
                catch (Exception e) when (e is InvalidOperationException or ArgumentException)
                {
                    // stopped for the backlog phase, or between states
                }
            }
        }, null, TimeSpan.Zero, TimeSpan.FromMilliseconds(250));

    /// <summary>Peak RSS in MB (10^6 bytes, the target's unit).</summary>
    public double Peak(string resource) => _peaks.GetValueOrDefault(resource) / 1e6;

    public void Dispose() => _timer.Dispose();
}
