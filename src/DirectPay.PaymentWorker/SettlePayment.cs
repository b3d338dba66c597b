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
            payment.Fail(refusal, now);
        }
        else
        {
            payment.Complete(now);
            var lease = (await db.LockLeaseAsync(payment.LeaseId, ct))!;
            if (db.ApplySettled(lease, payment, now) is > 0 and var unapplied) LogUnapplied(logger, payment.Id, unapplied);
            LogScheduleAdvanced(logger, lease.Id, lease.Schedule.NextDueDate, lease.Schedule.AmountDue);
            if (bank.LaterReturn(payment, payerLast4, now) is { } laterReturn) db.SimulatedBankReturns.Add(laterReturn);
        }
        await db.EnqueueAsync(payment.Status == PaymentStatus.Completed ? WebhookEventTypes.PaymentCompleted : WebhookEventTypes.PaymentFailed,
            payment, now, ct);
        if (payment.Status == PaymentStatus.Failed && await db.AutopayAttempts.SingleOrDefaultAsync(a => a.PaymentId == payment.Id, ct) is { } autopay)
            await db.EnqueueAutopayFailedAsync(await db.Leases.SingleAsync(l => l.Id == payment.LeaseId, ct), payment.PayerId, autopay.Period,
                $"{payment.FailureCode}: {payment.FailureReason}", payment.Id, now, ct);
        await db.SaveChangesAsync(ct);
        if (payment.Status == PaymentStatus.Completed)
        {
            // Last, just before the commit: the landlord's rows (bank balance, ledger balance), which every payment to that
            // landlord updates, stay locked for as short a time as possible.
            var (payerLedger, payeeLedger) = await db.LedgerAccountsOfAsync(payment, ct);
            await bank.CreditAsync(db, payment.PayerAccountId, payment.PayeeAccountId, payment.Amount, payment.Id, now, ct);
            await db.PostAsync(Postings.Settlement(payment, payerLedger, payeeLedger), now, ct);
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);

        activity?.SetTag("payment.status", SnakeCaseEnum<PaymentStatus>.ToText[payment.Status]);
        PaymentMetrics.PaymentSettled(payment, now);
        LogSettled(logger, payment.Id, payment.Status, payment.FailureCode);
    }

    [LoggerMessage(LogLevel.Information, "Payment {PaymentId} settled: {Status} {FailureCode}")]
    private static partial void LogSettled(ILogger logger, Guid paymentId, PaymentStatus status, string? failureCode);

    [LoggerMessage(LogLevel.Warning, "Payment {PaymentId} paid {Unapplied} more than its renter owed: left unallocated")]
    private static partial void LogUnapplied(ILogger logger, Guid paymentId, decimal unapplied);

    [LoggerMessage(LogLevel.Information, "Lease {LeaseId}: next rent due {NextDueDate}, {AmountDue} left of it")]
    private static partial void LogScheduleAdvanced(ILogger logger, Guid leaseId, DateOnly nextDueDate, decimal amountDue);
}
