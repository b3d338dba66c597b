using DirectPay.Banking;
using DirectPay.Data;
using DirectPay.Domain;
using DirectPay.Payments;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.PaymentWorker;

public sealed partial class BankFileCollector
{
    /// <summary>
    /// Refund credits from the settlement account whose return window closed by the mark with no return: the renter has
    /// the money for good, and the payment, the books and the landlord's balance say so. Each in its own transaction.
    /// </summary>
    private async Task CompleteRefundCreditsAsync(DateTimeOffset mark, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
        var latestSettlement = FedCalendar.DateInNewYork(mark);
        var candidates = await db.AchEntries
            .Where(e => e.RefundId != null && e.State == AchEntryState.InFile && e.SettlementDate <= latestSettlement
                        && db.AchFiles.Any(f => f.Id == e.AchFileId && f.State == AchFileState.Acknowledged)
                        && db.Refunds.Any(r => r.Id == e.RefundId && r.Status == RefundStatus.Processing))
            .OrderBy(e => e.SettlementDate).Take(MostCompletedPerRound).Select(e => new { RefundId = e.RefundId!.Value, e.SettlementDate }).ToListAsync(ct);
        await EachOnItsOwnAsync("completing refund", candidates.Where(c => AchReturns.WindowClosesAt(c.SettlementDate) <= mark)
            .Select(c => c.RefundId), CompleteRefundAsync, ct);
    }

    private async Task CompleteRefundAsync(Guid refundId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
        var paymentId = await db.Refunds.Where(r => r.Id == refundId).Select(r => r.PaymentId).SingleAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The payment's row before the refund's, as a return from the bank takes them.
        var payment = await db.Payments.FromSql($"SELECT * FROM payments WHERE id = {paymentId} FOR UPDATE").SingleAsync(ct);
        var refund = await db.Refunds.FromSql($"SELECT * FROM refunds WHERE id = {refundId} AND status = 'processing' FOR UPDATE SKIP LOCKED")
            .SingleOrDefaultAsync(ct);
        if (refund is null) return; // failed meanwhile, or another worker has it
        using var activity = PaymentTrace.Continue("refund complete", refund.TraceParent, refund.PaymentId);
        var now = clock.GetUtcNow();
        await db.CompleteAsync(refund, payment, now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        LogRefundCompleted(logger, refund.Id, refund.PaymentId);
    }

    [LoggerMessage(LogLevel.Information, "Refund {RefundId} of payment {PaymentId} reached the renter: completed")]
    private static partial void LogRefundCompleted(ILogger logger, Guid refundId, Guid paymentId);
}
