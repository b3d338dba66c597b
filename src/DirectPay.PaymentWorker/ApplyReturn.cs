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
        if (await db.ReturnAsync(payment, BankFailure.Of(bankReturn.Code), now, ct)) // a refund since settlement leaves nothing to return
            await SimulatedBank.ReverseAsync(db, payment, now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        LogReturned(logger, payment.Id, bankReturn.Code);
    }

    [LoggerMessage(LogLevel.Warning, "Payment {PaymentId} was returned by the payer's bank: {Code}")]
    private static partial void LogReturned(ILogger logger, Guid paymentId, string code);
}
