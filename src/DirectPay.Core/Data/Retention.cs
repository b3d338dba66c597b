using Microsoft.EntityFrameworkCore;

namespace DirectPay.Data;

/// <summary>
/// What DirectPay keeps only for a while, purged in bounded batches so no purge holds locks for long: idempotency
/// records past their promised day, outbox rows published a week ago, and webhook deliveries settled a month ago.
/// </summary>
public static class Retention
{
    public static readonly TimeSpan PublishedOutboxKeptFor = TimeSpan.FromDays(7);
    public static readonly TimeSpan SettledDeliveriesKeptFor = TimeSpan.FromDays(30);
    private const int Batch = 1000;

    public static Task<int> PurgeExpiredIdempotencyRecordsAsync(this DirectPayDb db, DateTimeOffset now, CancellationToken ct) =>
        InBatchesAsync(() => db.IdempotencyRecords.Where(r => r.ExpiresAt <= now)
            .OrderBy(r => r.ExpiresAt).Take(Batch).ExecuteDeleteAsync(ct));

    public static Task<int> PurgePublishedOutboxAsync(this DirectPayDb db, DateTimeOffset now, CancellationToken ct) =>
        InBatchesAsync(() => db.OutboxMessages.Where(m => m.PublishedAt != null && m.PublishedAt < now - PublishedOutboxKeptFor)
            .OrderBy(m => m.Id).Take(Batch).ExecuteDeleteAsync(ct));

    public static Task<int> PurgeSettledWebhookDeliveriesAsync(this DirectPayDb db, DateTimeOffset now, CancellationToken ct) =>
        InBatchesAsync(() => db.WebhookDeliveries
            .Where(d => d.Status != Domain.WebhookDeliveryStatus.Pending && d.CreatedAt < now - SettledDeliveriesKeptFor)
            .OrderBy(d => d.CreatedAt).Take(Batch).ExecuteDeleteAsync(ct));

    private static async Task<int> InBatchesAsync(Func<Task<int>> deleteBatch)
    {
        var total = 0;
        for (int deleted; (deleted = await deleteBatch()) > 0;) total += deleted;
        return total;
    }
}
