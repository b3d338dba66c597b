using System.Collections.Concurrent;
using DirectPay.Payments;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace DirectPay.PaymentWorker;

/// <summary>
/// Reads the payment stream as one consumer of the workers' group: first its own unacknowledged entries (a restart),
/// then new ones, woken by the relay's pub/sub nudge (StackExchange.Redis cannot block on XREADGROUP without stalling
/// its shared connection). Every few seconds it claims entries idle too long at dead consumers (XAUTOCLAIM); an entry
/// delivered too often goes to the dead-letter stream. XACK only after the handler's database commit, one per batch.
/// </summary>
public sealed partial class PaymentStreamConsumer(IConnectionMultiplexer redis, StartProcessing handler,
    IOptions<PaymentWorkerOptions> options, TimeProvider clock, ILogger<PaymentStreamConsumer> logger) : BackgroundService
{
    private readonly PaymentWorkerOptions _options = options.Value;
    private readonly Wakeup _nudges = new();
    private IDatabase Stream => redis.GetDatabase();
    private long _pendingEntries;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        PaymentMetrics.ObservePendingEntries(() => Interlocked.Read(ref _pendingEntries));
        LogConsuming(logger, _options.ConsumerName); // which replica holds which entries, in XPENDING's own terms
        var subscribed = false;
        var ready = false; // the group exists and this consumer's own pending entries were handled
        var lastClaim = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!subscribed)
                {
                    await redis.GetSubscriber().SubscribeAsync(PaymentStream.Nudge, (_, _) => _nudges.Signal());
                    subscribed = true;
                }
                if (!ready)
                {
                    await EnsureGroupAsync();
                    await DrainOwnPendingAsync(stoppingToken);
                    ready = true;
                }
                var read = await ReadAndHandleAsync(StreamPosition.NewMessages, stoppingToken);
                if (stoppingToken.IsCancellationRequested) break; // stopping: nothing more is read or claimed
                if (clock.GetUtcNow() - lastClaim >= _options.ClaimEvery)
                {
                    await ClaimAbandonedAsync(stoppingToken);
                    lastClaim = clock.GetUtcNow();
                }
                if (read.Count == 0) await _nudges.WaitAsync(_options.PollInterval, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException) // RedisTimeoutException is no RedisException
            {
                LogStreamUnavailable(logger, e); // Redis restarting or slow: read again shortly
                if (e.Message.Contains("NOGROUP", StringComparison.Ordinal)) ready = false; // the group was lost: create it again
                await Task.Delay(_options.PollInterval, clock, stoppingToken);
            }
        }
    }

    private async Task EnsureGroupAsync()
    {
        try
        {
            // From the stream's start: entries published before any worker existed are still read.
            await Stream.StreamCreateConsumerGroupAsync(PaymentStream.Key, PaymentStream.ConsumerGroup, "0", createStream: true);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // the group exists
        }
    }

    /// <summary>What this consumer took before a restart and never acknowledged: each entry once, in order.</summary>
    private async Task DrainOwnPendingAsync(CancellationToken ct)
    {
        RedisValue after = "0";
        for (var read = await ReadAndHandleAsync(after, ct); read.Count > 0 && !ct.IsCancellationRequested; read = await ReadAndHandleAsync(after, ct))
            after = read.LastId;
    }

    private async Task<(int Count, RedisValue LastId)> ReadAndHandleAsync(RedisValue position, CancellationToken ct)
    {
        var entries = await Stream.StreamReadGroupAsync(PaymentStream.Key, PaymentStream.ConsumerGroup, _options.ConsumerName,
            position, _options.ReadBatchSize);
        await HandleAllAsync(entries, ct);
        return (entries.Length, entries.Length > 0 ? entries[^1].Id : position);
    }

    /// <summary>
    /// A batch's entries are for different payments (or are redeliveries, which change nothing), so they are handled side
    /// by side, each in its own transaction; the handled ones are then acknowledged with one XACK. A stop (SIGTERM) does
    /// not cut a batch short: what was read is finished and acknowledged, and the loop reads no more. Should the host's
    /// shutdown timeout end the process first, an unfinished handler's transaction rolls back and its entry stays
    /// pending, for another consumer to claim.
    /// </summary>
    private async Task HandleAllAsync(IReadOnlyList<StreamEntry> entries, CancellationToken stopping)
    {
        var handled = new ConcurrentBag<RedisValue>();
        await Parallel.ForEachAsync(entries, new ParallelOptions { MaxDegreeOfParallelism = _options.HandleConcurrency },
            async (entry, _) =>
            {
                if (await HandleAsync(entry, CancellationToken.None)) handled.Add(entry.Id);
            });
        if (!handled.IsEmpty) await Stream.StreamAcknowledgeAsync(PaymentStream.Key, PaymentStream.ConsumerGroup, [.. handled]);
        if (stopping.IsCancellationRequested && entries.Count > 0) LogFinishedOnStop(logger, handled.Count, entries.Count);
    }

    /// <summary>True when the entry was handled and is to be acknowledged (a dead-lettered one is acknowledged as it goes).</summary>
    private async Task<bool> HandleAsync(StreamEntry entry, CancellationToken ct)
    {
        if (entry.IsNull) return false;
        if (PaymentMessage.From(entry) is not { } message)
        {
            await DeadLetterAsync(entry, "not a payment message");
            return false;
        }
        try
        {
            await handler.HandleAsync(message, ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Left pending: claimed again once idle, and dead-lettered after too many deliveries.
            LogHandlingFailed(logger, e, message.PaymentId, entry.Id.ToString());
            return false;
        }
    }

    private async Task ClaimAbandonedAsync(CancellationToken ct)
    {
        var summary = await Stream.StreamPendingAsync(PaymentStream.Key, PaymentStream.ConsumerGroup);
        Interlocked.Exchange(ref _pendingEntries, summary.PendingMessageCount);
        if (summary.PendingMessageCount == 0) return;

        var claimed = (await Stream.StreamAutoClaimAsync(PaymentStream.Key, PaymentStream.ConsumerGroup, _options.ConsumerName,
            (long)_options.ClaimIdleAfter.TotalMilliseconds, "0-0", _options.ReadBatchSize)).ClaimedEntries;
        if (claimed.Length == 0) return;

        var deliveries = (await Stream.StreamPendingMessagesAsync(PaymentStream.Key, PaymentStream.ConsumerGroup, claimed.Length,
                _options.ConsumerName, claimed[0].Id, claimed[^1].Id))
            .ToDictionary(p => p.MessageId.ToString(), p => p.DeliveryCount);
        var retry = new List<StreamEntry>();
        foreach (var entry in claimed)
        {
            LogClaimed(logger, entry.Id.ToString());
            if (deliveries.GetValueOrDefault(entry.Id.ToString()) > _options.MaxDeliveries)
                await DeadLetterAsync(entry, $"delivered more than {_options.MaxDeliveries} times");
            else
                retry.Add(entry);
        }
        await HandleAllAsync(retry, ct);
    }

    private async Task DeadLetterAsync(StreamEntry entry, string reason)
    {
        var fields = entry.Values.Append(new NameValueEntry("original_id", entry.Id)).Append(new NameValueEntry("reason", reason)).ToArray();
        await Stream.StreamAddAsync(PaymentStream.DeadLetterKey, fields);
        await Stream.StreamAcknowledgeAsync(PaymentStream.Key, PaymentStream.ConsumerGroup, entry.Id);
        PaymentMetrics.DeadLettered();
        LogDeadLettered(logger, entry.Id.ToString(), (string?)entry["payment_id"], reason);
    }

    [LoggerMessage(LogLevel.Information, "Stopping: finished and acknowledged {Handled} of the {InHand} entries in hand")]
    private static partial void LogFinishedOnStop(ILogger logger, int handled, int inHand);

    [LoggerMessage(LogLevel.Information, "Reading the payment stream as consumer {Consumer}")]
    private static partial void LogConsuming(ILogger logger, string consumer);

    [LoggerMessage(LogLevel.Warning, "Handling payment {PaymentId} (entry {EntryId}) failed; it stays pending")]
    private static partial void LogHandlingFailed(ILogger logger, Exception exception, Guid paymentId, string entryId);

    [LoggerMessage(LogLevel.Information, "Claimed abandoned entry {EntryId}")]
    private static partial void LogClaimed(ILogger logger, string entryId);

    [LoggerMessage(LogLevel.Error, "Dead-lettered entry {EntryId} of payment {PaymentId}: {Reason}")]
    private static partial void LogDeadLettered(ILogger logger, string entryId, string? paymentId, string reason);

    [LoggerMessage(LogLevel.Warning, "The payment stream is unavailable; reading again shortly")]
    private static partial void LogStreamUnavailable(ILogger logger, Exception exception);
}
