using DirectPay.Data;
using DirectPay.Domain;
using DirectPay.Payments;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.PaymentWorker;

public sealed partial class SettlementScheduler
{
    /// <summary>
    /// A refund the worker's simulated bank answers (every one but an ACH credit from the settlement account): the
    /// landlord's bank sends the money back; the payment and the books record it.
    /// </summary>
    private async Task SettleRefundAsync(Guid refundId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var refund = await db.Refunds
            .FromSql($"SELECT * FROM refunds WHERE id = {refundId} AND status = 'processing' FOR UPDATE SKIP LOCKED")
            .SingleOrDefaultAsync(ct);
        if (refund is null) return;

        using var activity = PaymentTrace.Continue("refund settle", refund.TraceParent, refund.PaymentId);
        var payment = await db.Payments.SingleAsync(p => p.Id == refund.PaymentId, ct);
        var payeeLast4 = await db.BankAccounts.Where(a => a.Id == payment.PayeeAccountId).Select(a => a.Last4).SingleAsync(ct);
        var now = clock.GetUtcNow();
        if (payment.Status != PaymentStatus.Completed)
        {
            refund.Fail(BankFailure.PaymentReturned, now); // returned while the refund was on its way: nothing left to send back
        }
        else if (await bank.TransferAsync(db, payment.PayeeAccountId, payeeLast4, payment.PayerAccountId, refund.Amount, 0, refund.Id, now, ct) is { } refusal)
        {
            refund.Fail(refusal, now);
        }
        else
            await db.CompleteAsync(refund, payment, now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        LogRefundSettled(logger, refund.Id, payment.Id, refund.Status, refund.FailureCode);
    }

    [LoggerMessage(LogLevel.Information, "Refund {RefundId} of payment {PaymentId} settled: {Status} {FailureCode}")]
    private static partial void LogRefundSettled(ILogger logger, Guid refundId, Guid paymentId, RefundStatus status, string? failureCode);
}
