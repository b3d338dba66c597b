using StackExchange.Redis;

namespace DirectPay.Payments;

/// <summary>The Redis stream between the api's outbox relay and the payment workers: names and the message shape.</summary>
public static class PaymentStream
{
    public const string Key = "directpay:payments";
    public const string ConsumerGroup = "payment-workers";
    public const string DeadLetterKey = "directpay:payments:dead";
    /// <summary>Published after every XADD so idle workers read at once instead of waiting for their next poll.</summary>
    public static readonly RedisChannel Nudge = RedisChannel.Literal("directpay:payments:nudge");

    /// <summary>
    /// The instant before which every entry added to the stream has left the workers' hands: read by the group and no
    /// longer pending (acknowledged after its handling, or dead-lettered). A message published earlier that has not
    /// moved its payment is lost; one published later may still be waiting its turn in a backlog.
    /// </summary>
    public static async Task<DateTimeOffset> HandledBeforeAsync(IDatabase redis, DateTimeOffset now, string key = Key, string group = ConsumerGroup)
    {
        if (!await redis.KeyExistsAsync(key)) return now; // nothing in the stream: whatever was published is gone
        var stream = await redis.StreamInfoAsync(key);
        var workers = (await redis.StreamGroupInfoAsync(key)).FirstOrDefault(g => g.Name == group);
        if (workers.Name is null) // no group yet: the workers create it and read the stream from its start
            return HandledBefore((string?)stream.LastGeneratedId, lastDelivered: null, oldestPending: null, now);
        var pending = await redis.StreamPendingAsync(key, group);
        return HandledBefore((string?)stream.LastGeneratedId, workers.LastDeliveredId,
            pending.PendingMessageCount == 0 ? null : (string?)pending.LowestPendingMessageId, now);
    }

    /// <summary>
    /// Removes the entries every consumer group is done with (delivered and acknowledged), and never one still pending
    /// or not yet delivered; a stream no group reads yet is all backlog and kept. Returns how many went.
    /// </summary>
    public static async Task<long> TrimHandledAsync(IDatabase redis, string key = Key)
    {
        if (!await redis.KeyExistsAsync(key)) return 0;
        string? keepFrom = null;
        foreach (var group in await redis.StreamGroupInfoAsync(key))
        {
            var pending = await redis.StreamPendingAsync(key, group.Name);
            var first = pending.PendingMessageCount > 0 ? (string)pending.LowestPendingMessageId! : After(group.LastDeliveredId ?? "0-0");
            if (keepFrom is null || CompareIds(first, keepFrom) < 0) keepFrom = first;
        }
        return keepFrom is null ? 0 : (long)await redis.ExecuteAsync("XTRIM", key, "MINID", keepFrom);
    }

    private static string After(string id) => $"{IdPart(id, 0)}-{IdPart(id, 1) + 1}";

    /// <summary>The rule of <see cref="HandledBeforeAsync"/> on the ids XINFO and XPENDING report.</summary>
    public static DateTimeOffset HandledBefore(string? lastAdded, string? lastDelivered, string? oldestPending, DateTimeOffset now)
    {
        var handled = now; // only ever earlier: Redis's clock may run ahead of this one
        if (lastAdded is not null && CompareIds(lastDelivered ?? "0-0", lastAdded) < 0)
            handled = Earlier(handled, AddedAt(lastDelivered ?? "0-0")); // entries after the last one delivered wait to be read
        if (oldestPending is not null)
            handled = Earlier(handled, AddedAt(oldestPending)); // delivered, not yet acknowledged: a consumer holds it, or one will claim it
        return handled;
    }

    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>An entry id is "milliseconds-sequence", the milliseconds Redis's clock read when the entry was added.</summary>
    private static DateTimeOffset AddedAt(string id) => DateTimeOffset.FromUnixTimeMilliseconds(IdPart(id, 0));

    private static int CompareIds(string a, string b) => (IdPart(a, 0), IdPart(a, 1)).CompareTo((IdPart(b, 0), IdPart(b, 1)));

    private static long IdPart(string id, int part) => long.Parse(id.Split('-')[part], System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>"Payment X (or its refund R) has event N to act on", with the trace it belongs to.</summary>
public sealed record PaymentMessage(Guid PaymentId, int EventSequence, string? TraceParent, Guid? RefundId = null)
{
    private const string PaymentIdField = "payment_id", EventSequenceField = "event_sequence", TraceParentField = "traceparent",
        RefundIdField = "refund_id";

    public NameValueEntry[] ToEntries() =>
    [
        new(PaymentIdField, PaymentId.ToString()),
        new(EventSequenceField, EventSequence),
        new(TraceParentField, TraceParent ?? ""),
        new(RefundIdField, RefundId?.ToString() ?? ""),
    ];

    /// <summary>The message of a stream entry, or null when the entry is not one (it goes to the dead letters).</summary>
    public static PaymentMessage? From(StreamEntry entry) =>
        Guid.TryParse((string?)entry[PaymentIdField], out var paymentId) && int.TryParse((string?)entry[EventSequenceField], out var sequence)
            ? new PaymentMessage(paymentId, sequence, entry[TraceParentField].IsNullOrEmpty ? null : entry[TraceParentField].ToString(),
                Guid.TryParse((string?)entry[RefundIdField], out var refundId) ? refundId : null)
            : null;
}
