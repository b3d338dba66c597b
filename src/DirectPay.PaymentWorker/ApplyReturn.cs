using DirectPay.Data;
using DirectPay.Domain;
using DirectPay.Payments;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.PaymentWorker;

public sealed partial class SettlementScheduler
{
    /// <summary>The payer's bank sends a settled ACH payment back: the payment is returned, what it paid is owed again, the books reverse.</summary>
    private async Task ReturnAsync(Guid paymentId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var bankReturn = await db.SimulatedBankReturns
            .FromSql($"SELECT * FROM simulated_bank_returns WHERE payment_id = {paymentId} FOR UPDATE SKIP LOCKED").SingleOrDefaultAsync(ct);
        if (bankReturn is null) return;

        var payment = await db.Payments.SingleAsync(p => p.Id == paymentId, ct);
        using var activity = PaymentTrace.Continue("payment return", payment.TraceParent, payment.Id);
        var now = clock.GetUtcNow();
        db.SimulatedBankReturns.Remove(bankReturn);
        if (payment.CanBeReturned) // a refund since settlement means the bank has nothing left to return
        {
            payment.Return(BankFailure.FromCode(bankReturn.Code)!, now);
            await db.EnqueueAsync(WebhookEventTypes.PaymentReturned, payment, now, ct);
            await SimulatedBank.ReverseAsync(db, payment, now, ct);
            await db.ReverseReturnedAsync((await db.LockLeaseAsync(payment.LeaseId, ct))!, payment, now, ct);
            var (payerLedger, payeeLedger) = await db.LedgerAccountsOfAsync(payment, ct);
            await db.PostAsync(Postings.Return(payment, payerLedger, payeeLedger), now, ct);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        LogReturned(logger, payment.Id, bankReturn.Code);
    }

    [LoggerMessage(LogLevel.Warning, "Payment {PaymentId} was returned by the payer's bank: {Code}")]
    private static partial void LogReturned(ILogger logger, Guid paymentId, string code);
}
