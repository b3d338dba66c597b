using DirectPay.Data;
using DirectPay.Domain;
using DirectPay.Payments;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace DirectPay.PaymentWorker;

/// <summary>
/// Nothing accepted is ever lost: a payment or refund still pending long after its message was published (the message
/// went to the dead letters during an outage, or Redis lost it) gets a new outbox row, which the relay publishes again.
/// Redelivery is harmless: the transitions are conditional. A message still in the stream (waiting in a backlog, or held
/// by a consumer) is not lost: publishing it again would double the backlog's work exactly when the workers are behind,
/// so only messages the stream has finished with count.
/// </summary>
public sealed partial class RedriveStuckPayments(IServiceScopeFactory scopes, IConnectionMultiplexer redis, OutboxRelay relay,
    TimeProvider clock, Microsoft.Extensions.Options.IOptions<PaymentWorkerOptions> options, ILogger<RedriveStuckPayments> logger)
    : Poller(clock, logger)
{
    private static readonly TimeSpan ClocksMayDisagree = TimeSpan.FromSeconds(5);
    private TimeSpan StuckAfter => options.Value.RedriveAfter;
    protected override TimeSpan Interval => options.Value.RedriveEvery;

    protected override async Task PollAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
        var now = Clock.GetUtcNow();
        var cutoff = now - StuckAfter;
        // published_at is the api's clock and the stream's ids Redis's: the margin lets them disagree by a few seconds.
        var handledBefore = Max(await PaymentStream.HandledBeforeAsync(redis.GetDatabase(), now) - ClocksMayDisagree,
            now - options.Value.RedriveBacklogAtMost);
        // Rows locked SKIP LOCKED: with several workers, one of them re-drives each (the others skip it, or see its new row).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var payments = await db.Payments.FromSql($"""
            SELECT * FROM payments p WHERE p.status = 'pending' AND p.updated_at < {cutoff}
              AND NOT EXISTS (SELECT 1 FROM outbox_messages m WHERE m.payment_id = p.id AND m.refund_id IS NULL
                              AND (m.created_at >= {cutoff} OR m.published_at IS NULL OR m.published_at >= {handledBefore}))
            ORDER BY p.updated_at LIMIT 100 FOR UPDATE SKIP LOCKED
            """).AsNoTracking().ToListAsync(ct);
        var refunds = await db.Refunds.FromSql($"""
            SELECT * FROM refunds r WHERE r.status = 'pending' AND r.updated_at < {cutoff}
              AND NOT EXISTS (SELECT 1 FROM outbox_messages m WHERE m.refund_id = r.id
                              AND (m.created_at >= {cutoff} OR m.published_at IS NULL OR m.published_at >= {handledBefore}))
            ORDER BY r.updated_at LIMIT 100 FOR UPDATE SKIP LOCKED
            """).AsNoTracking().ToListAsync(ct);
        if (payments.Count + refunds.Count == 0) return;

        db.OutboxMessages.AddRange(payments.Select(OutboxMessage.Redrive));
        db.OutboxMessages.AddRange(refunds.Select(OutboxMessage.Redrive));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        relay.Nudge();
        LogRedriven(logger, payments.Count, refunds.Count);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    [LoggerMessage(LogLevel.Warning, "Published again {Payments} payments and {Refunds} refunds still pending after their message")]
    private static partial void LogRedriven(ILogger logger, int payments, int refunds);
}
