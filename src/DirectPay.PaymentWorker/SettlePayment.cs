using DirectPay.Data;
using DirectPay.Domain;
using DirectPay.Payments;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.PaymentWorker;

/// <summary>A payment's bank answer: completed (the schedule moves on, the books record it) or failed.</summary>
public sealed partial class SettlementScheduler
{
    private async Task SettleAsync(Guid paymentId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var payment = await db.Payments
            .FromSql($"SELECT * FROM payments WHERE id = {paymentId} AND status = 'processing' FOR UPDATE SKIP LOCKED")
            .SingleOrDefaultAsync(ct);
        if (payment is null) return; // settled already, or another replica holds it

        using var activity = PaymentTrace.Continue("payment settle", payment.TraceParent, payment.Id);
        var payerLast4 = await db.BankAccounts.Where(a => a.Id == payment.PayerAccountId).Select(a => a.Last4).SingleAsync(ct);
        var now = clock.GetUtcNow();
        if (await bank.DebitAsync(db, payment.PayerAccountId, payerLast4, payment.Amount, payment.RetryCount, now, ct) is { } refusal)
        {
            await db.FailAsync(payment, refusal, now, ct);
        }
        else
        {
            if (await db.CompleteAsync(payment, now, ct) is > 0 and var unapplied) PaymentLogs.Unapplied(logger, payment.Id, unapplied);
            if (bank.LaterReturn(payment, payerLast4, now) is { } laterReturn) db.SimulatedBankReturns.Add(laterReturn);
            // Last, just before the commit: the landlord's bank row, which every payment to that landlord updates.
            await bank.CreditAsync(db, payment.PayerAccountId, payment.PayeeAccountId, payment.Amount, payment.Id, now, ct);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        activity?.SetTag("payment.status", SnakeCaseEnum<PaymentStatus>.ToText[payment.Status]);
        PaymentMetrics.PaymentSettled(payment, now);
        LogSettled(logger, payment.Id, payment.Status, payment.FailureCode);
    }

    [LoggerMessage(LogLevel.Information, "Payment {PaymentId} settled: {Status} {FailureCode}")]
    private static partial void LogSettled(ILogger logger, Guid paymentId, PaymentStatus status, string? failureCode);
}
