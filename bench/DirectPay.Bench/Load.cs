using System.Diagnostics;

namespace DirectPay.Bench;

/// <summary>What a load phase saw: answers by status, and the latency of each request in milliseconds.</summary>
internal sealed class LoadResult(TimeSpan elapsed)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, int> _statuses = [];
    private readonly List<double> _latencies = [];

    public TimeSpan Elapsed { get; set; } = elapsed;
    /// <summary>201s during the warm-up, which <see cref="Record"/> leaves out.</summary>
    public int WarmUpAccepted;
    public IReadOnlyDictionary<int, int> Statuses => _statuses;
    public int Count(int status) => _statuses.GetValueOrDefault(status);
    public double PerSecond(int status) => Count(status) / Elapsed.TotalSeconds;
    public double Percentile(double p) => Stats.Percentile(_latencies, p);

    public void Record(int status, double milliseconds)
    {
        lock (_lock)
        {
            _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
            _latencies.Add(milliseconds);
        }
    }

    public override string ToString() => string.Join(", ", _statuses.OrderBy(s => s.Key).Select(s => $"{s.Value} × {s.Key}"));
}

/// <summary>The two ways the bench loads the api: as fast as a fixed number of clients can, and at a fixed rate.</summary>
internal static class Load
{
    /// <summary>
    /// Closed loop: <paramref name="clients"/> clients each POST a new payment as soon as their last one was answered,
    /// for the warm-up (not counted) and then the measured duration. Keys are "<paramref name="prefix"/>-n".
    /// </summary>
    public static async Task<LoadResult> MaxRateAsync(HttpClient http, IReadOnlyList<Renter> renters, string prefix, int clients,
        TimeSpan warmUp, TimeSpan duration)
    {
        var next = -1L;
        var started = Stopwatch.GetTimestamp();
        var measuredFrom = started + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        var until = measuredFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var result = new LoadResult(duration);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < until)
            {
                var n = Interlocked.Increment(ref next);
                var sent = Stopwatch.GetTimestamp();
                var status = await SendAsync(http, renters[(int)(n % renters.Count)].Payment($"{prefix}-{n}"));
                if (sent >= measuredFrom && Stopwatch.GetTimestamp() <= until) result.Record(status, Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                else if (status == 201) Interlocked.Increment(ref result.WarmUpAccepted);
            }
        }));
        return result;
    }

    /// <summary>
    /// Open loop: request n is due at n / <paramref name="rate"/> seconds, whether or not earlier ones were answered, and
    /// its latency counts from when it was due (no coordinated omission). Keys are "<paramref name="prefix"/>-n".
    /// </summary>
    public static async Task<LoadResult> FixedRateAsync(HttpClient http, IReadOnlyList<Renter> renters, string prefix, double rate,
        int count)
    {
        var started = Stopwatch.GetTimestamp();
        var result = new LoadResult(TimeSpan.FromSeconds(count / rate));
        var inFlight = new List<Task>(count);
        for (var n = 0; n < count; n++)
        {
            var due = started + (long)(n / rate * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < due) await Task.Delay(1);
            var request = renters[n % renters.Count].Payment($"{prefix}-{n}");
            inFlight.Add(Task.Run(async () => result.Record(await SendAsync(http, request), Stopwatch.GetElapsedTime(due).TotalMilliseconds)));
        }
        await Task.WhenAll(inFlight);
        result.Elapsed = Stopwatch.GetElapsedTime(started);
        return result;
    }

    private static async Task<int> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        try
        {
            using (request)
            using (var response = await http.SendAsync(request))
            {
                await response.Content.LoadIntoBufferAsync();
                return response.Headers.Contains("Idempotent-Replayed") ? Replayed : (int)response.StatusCode;
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 0; // no answer
        }
    }

    /// <summary>The status recorded for a 201 that is a replay (Idempotent-Replayed: true), to tell it from a first answer.</summary>
    public const int Replayed = 1201;
}

internal static class Stats
{
    /// <summary>Nearest-rank percentile (0-100) of the values; NaN when there are none.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
