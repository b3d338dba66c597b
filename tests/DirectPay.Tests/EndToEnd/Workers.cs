using System.Text.RegularExpressions;
using DirectPay.Payments;

namespace DirectPay.Tests.EndToEnd;

/// <summary>What the tests learn about one worker replica: from its own log lines, and by freezing it.</summary>
internal static partial class Workers
{
    /// <summary>The payments (of <paramref name="paymentIds"/>) a worker instance moved to processing, by its own log lines.</summary>
    public static List<Guid> Processed(this DirectPayApp app, string instance, IEnumerable<Guid> paymentIds)
    {
        var ours = paymentIds.ToHashSet();
        return app.Lines(instance).Select(l => ProcessingLine().Match(l)).Where(m => m.Success)
            .Select(m => Guid.Parse(m.Groups[1].Value)).Where(ours.Contains).ToList();
    }

    /// <summary>The stream consumer a worker instance reads as (it says so when it starts; the last start counts).</summary>
    public static string ConsumerOf(this DirectPayApp app, string instance) =>
        app.Lines(instance).Select(l => ConsumerLine().Match(l)).Last(m => m.Success).Groups[1].Value;

    /// <summary>The stream entries a consumer has read and not acknowledged (XPENDING for that consumer).</summary>
    public static async Task<List<string>> HeldByAsync(this DirectPayApp app, string consumer) =>
        (await app.Redis.GetDatabase().StreamPendingMessagesAsync(PaymentStream.Key, PaymentStream.ConsumerGroup, 1000, consumer))
        .Select(p => p.MessageId.ToString()).ToList();

    /// <summary>
    /// Waits until every running worker has finished a round of a poller begun after this call (its Debug line, switched
    /// on for the tests, says when the round began): whatever a round would do now, each of them has done. The workers
    /// run on this machine's clock.
    /// </summary>
    public static async Task RoundsAsync(this DirectPayApp app, string poller)
    {
        var since = DateTimeOffset.UtcNow;
        bool BegunSince(string instance) => app.Lines(instance).Select(l => RoundLine().Match(l))
            .Any(m => m.Success && m.Groups[1].Value == poller
                      && DateTimeOffset.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) >= since);
        var running = (await app.InstancesAsync(ResourceNames.PaymentWorker)).Where(i => !app.IsStopped(i)).ToList();
        await Eventually.TrueAsync(() => Task.FromResult(running.All(BegunSince)),
            $"The workers never finished a round of {poller} begun after {since:O}.");
    }

    /// <summary>An api or worker instance's own port (Kestrel's, behind the app's proxy): the last one it said it listens on.</summary>
    public static int OwnPort(this DirectPayApp app, string instance) =>
        int.Parse(app.Lines(instance).Select(l => ListeningLine().Match(l)).Last(m => m.Success).Groups[1].Value);

    public static IEnumerable<string> Lines(this DirectPayApp app, string instance) =>
        app.Telemetry.ConsoleLines.Where(l => l.Instance == instance).Select(l => l.Line);

    /// <summary>
    /// SIGSTOPs the instance's processes and looks at its pending entries: none, and it is let go again a moment; some,
    /// and it stays frozen with them in hand (their ids are returned). <paramref name="load"/> must still be running for
    /// it to take any.
    /// </summary>
    public static async Task<List<string>> FreezeHoldingEntriesAsync(this DirectPayApp app, string instance, Task load)
    {
        var consumer = app.ConsumerOf(instance);
        var tree = app.ProcessTree(instance);
        while (!load.IsCompleted)
        {
            ProcessSignals.Send(tree, ProcessSignals.Stop);
            if (await app.HeldByAsync(consumer) is { Count: > 0 } held) return held;
            ProcessSignals.Send(tree, ProcessSignals.Continue);
            await Task.Delay(Random.Shared.Next(5, 30));
        }
        throw new InvalidOperationException($"{instance} never held an entry while the payments were made.");
    }

    /// <summary>Instant payments of 10.00 over a dozen leases, eight at a time; their ids are added as they are created.</summary>
    public static async Task PayManyAsync(this DirectPayApp app, int count, System.Collections.Concurrent.ConcurrentBag<Guid> paymentIds)
    {
        var leases = new List<PaymentScenario>();
        for (var i = 0; i < 12; i++) leases.Add(await PaymentScenario.StartAsync(app));
        var throttle = new SemaphoreSlim(8);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await throttle.WaitAsync();
            try { paymentIds.Add(await leases[i % leases.Count].PayAsync(10.00m, rail: "instant")); }
            finally { throttle.Release(); }
        }));
    }

    /// <summary>Payments of <paramref name="paymentIds"/> whose history is not initiated, processing, completed: one of each.</summary>
    public static Task<long> UnfinishedHistoriesAsync(this DirectPayApp app, IEnumerable<Guid> paymentIds) => app.ScalarAsync<long>("""
        SELECT count(*) FROM payments p WHERE p.id = ANY($1)
          AND (SELECT string_agg(e.event_type, ',' ORDER BY e.sequence) FROM payment_events e WHERE e.payment_id = p.id)
              IS DISTINCT FROM 'payment_initiated,payment_processing,payment_completed'
        """, paymentIds.ToArray());

    [GeneratedRegex(@"Payment ([0-9a-f-]{36}) is processing")]
    private static partial Regex ProcessingLine();

    [GeneratedRegex(@"Reading the payment stream as consumer (\S+)")]
    private static partial Regex ConsumerLine();

    [GeneratedRegex(@"(\w+) finished a round begun at (\S+)")]
    private static partial Regex RoundLine();

    [GeneratedRegex(@"Now listening on: http://localhost:(\d+)")]
    private static partial Regex ListeningLine();
}
