using DirectPay.Banking.Connection;
using DirectPay.Data;
using DirectPay.Domain;
using DirectPay.Payments;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.PaymentWorker;

public sealed partial class SettlementScheduler
{
    /// <summary>
    /// A refund by transfer order (every one but an ACH credit from the settlement account): the landlord's account
    /// sends the money back to the renter's; the payment and the books record it.
    /// </summary>
    private async Task SettleRefundAsync(Guid refundId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
        var asked = await db.Refunds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == refundId && r.Status == RefundStatus.Processing, ct);
        if (asked is null || !await BankTransfers.ClaimAsync(db, asked, clock.GetUtcNow(), ct)) return; // settled, or another replica asks
        var paid = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == asked.PaymentId, ct);
        using var activity = PaymentTrace.Continue("refund settle", asked.TraceParent, asked.PaymentId);
        // A payment returned while its refund was on its way leaves nothing to send back: no order goes to the bank.
        var answer = paid.Status != PaymentStatus.Completed ? new BankAnswer(null, BankFailure.PaymentReturned)
            : await AskBankAsync(() => transfers.AskAsync(db, BankTransfers.OrderId(asked.Id), asked.Rail, paid.PayeeAccountId,
                paid.PayerAccountId, asked.Amount, asked.Id, ct));

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The payment's row before the refund's, as a return from the bank takes them.
        var payment = await db.Payments.FromSql($"SELECT * FROM payments WHERE id = {asked.PaymentId} FOR UPDATE").SingleAsync(ct);
        var refund = await db.Refunds
            .FromSql($"SELECT * FROM refunds WHERE id = {refundId} AND status = 'processing' FOR UPDATE SKIP LOCKED")
            .SingleOrDefaultAsync(ct);
        if (refund is null) return;
        var now = clock.GetUtcNow();
        switch (answer)
        {
            case { Refusal: { } refusal }:
                refund.Fail(refusal, now);
                break;
            case { Status.Status: TransferStatus.Settled }:
                await db.CompleteAsync(refund, payment, now, ct);
                BankTransfers.RecordStatementLines(db, answer.Status, payment.PayeeAccountId, payment.PayerAccountId, refund.Amount, refund.Id);
                break;
            default:
                refund.WaitForBank(AskAgainAt(answer.Status!, now));
                break;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (refund.Status != RefundStatus.Processing) LogRefundSettled(logger, refund.Id, payment.Id, refund.Status, refund.FailureCode);
    }

    [LoggerMessage(LogLevel.Information, "Refund {RefundId} of payment {PaymentId} settled: {Status} {FailureCode}")]
    private static partial void LogRefundSettled(ILogger logger, Guid refundId, Guid paymentId, RefundStatus status, string? failureCode);
}
