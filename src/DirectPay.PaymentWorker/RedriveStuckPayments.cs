using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.PaymentWorker;

/// <summary>
/// Nothing accepted is ever lost: a payment or refund still pending long after its message was published (the message
/// went to the dead letters during an outage, or Redis lost it) gets a new outbox row, which the relay publishes again.
/// Redelivery is harmless: the transitions are conditional.
/// </summary>
public sealed partial class RedriveStuckPayments(IServiceScopeFactory scopes, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<PaymentWorkerOptions> options, ILogger<RedriveStuckPayments> logger) : Poller(clock, logger)
{
    private TimeSpan StuckAfter => options.Value.RedriveAfter;
    protected override TimeSpan Interval => options.Value.RedriveEvery;

    protected override async Task PollAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
        var cutoff = Clock.GetUtcNow() - StuckAfter;
        var payments = await db.Payments.AsNoTracking()
            .Where(p => p.Status == PaymentStatus.Pending && p.UpdatedAt < cutoff
                        && !db.OutboxMessages.Any(m => m.PaymentId == p.Id && m.RefundId == null && m.CreatedAt >= cutoff))
            .Take(100).ToListAsync(ct);
        var refunds = await db.Refunds.AsNoTracking()
            .Where(r => r.Status == RefundStatus.Pending && r.UpdatedAt < cutoff
                        && !db.OutboxMessages.Any(m => m.RefundId == r.Id && m.CreatedAt >= cutoff))
            .Take(100).ToListAsync(ct);
        if (payments.Count + refunds.Count == 0) return;

        db.OutboxMessages.AddRange(payments.Select(OutboxMessage.Redrive));
        db.OutboxMessages.AddRange(refunds.Select(OutboxMessage.Redrive));
        await db.SaveChangesAsync(ct);
        LogRedriven(logger, payments.Count, refunds.Count);
    }

    [LoggerMessage(LogLevel.Warning, "Published again {Payments} payments and {Refunds} refunds still pending after their message")]
    private static partial void LogRedriven(ILogger logger, int payments, int refunds);
}
