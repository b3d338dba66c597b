using DirectPay.Data;
using DirectPay.Domain;
using DirectPay.Payments;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.PaymentWorker;

/// <summary>
/// Settles payments whose bank answer is due: processing → completed (and the lease's schedule moves on) or → failed.
/// Waiting is a due time in the database, never a sleeping handler; this loop wakes for the earliest one, or at least every second
/// (another replica may have set an earlier one). Each payment settles in its own transaction, locked with SKIP LOCKED.
/// </summary>
public sealed partial class SettlementScheduler(IServiceScopeFactory scopes, SimulatedBank bank, TimeProvider clock,
    ILogger<SettlementScheduler> logger)
    : BackgroundService
{
    private const int BatchSize = 100;
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(1);
    private readonly Wakeup _wakeup = new();

    /// <summary>A payment in this process got an answer time, possibly earlier than the one waited for.</summary>
    public void Wake() => _wakeup.Signal();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = LongestWait;
            try
            {
                if (await SettleDueAsync(stoppingToken) is { } next)
                    wait = TimeSpan.FromTicks(Math.Clamp((next - clock.GetUtcNow()).Ticks, 0, LongestWait.Ticks));
            }
            catch (Exception e) when (e is DbUpdateException or Npgsql.NpgsqlException or TimeoutException)
            {
                LogSettlingFailed(logger, e); // the payments stay in processing and are tried again on the next round
            }
            if (wait > TimeSpan.Zero) await _wakeup.WaitAsync(wait, stoppingToken);
        }
    }

    /// <summary>Settles what is due now; returns when the next answer is due, if any payment is processing.</summary>
    private async Task<DateTimeOffset?> SettleDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
        var now = clock.GetUtcNow();
        var due = await db.Payments.Where(p => p.Status == PaymentStatus.Processing && p.BankAnswerDueAt <= now)
            .OrderBy(p => p.BankAnswerDueAt).Select(p => p.Id).Take(BatchSize).ToListAsync(ct);
        foreach (var paymentId in due) await SettleAsync(paymentId, ct);
        var dueRefunds = await db.Refunds.Where(r => r.Status == RefundStatus.Processing && r.BankAnswerDueAt <= now)
            .OrderBy(r => r.BankAnswerDueAt).Select(r => r.Id).Take(BatchSize).ToListAsync(ct);
        foreach (var refundId in dueRefunds) await SettleRefundAsync(refundId, ct);

        var dueReturns = await db.SimulatedBankReturns.Where(r => r.DueAt <= now).OrderBy(r => r.DueAt).Select(r => r.PaymentId)
            .Take(BatchSize).ToListAsync(ct);
        foreach (var paymentId in dueReturns) await ReturnAsync(paymentId, ct);

        DateTimeOffset?[] next =
        [
            await db.Payments.Where(p => p.Status == PaymentStatus.Processing).MinAsync(p => p.BankAnswerDueAt, ct),
            await db.Refunds.Where(r => r.Status == RefundStatus.Processing).MinAsync(r => r.BankAnswerDueAt, ct),
            await db.SimulatedBankReturns.MinAsync(r => (DateTimeOffset?)r.DueAt, ct),
        ];
        return next.Min();
    }

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
        if (await bank.TransferAsync(db, payment.PayerAccountId, payerLast4, payment.PayeeAccountId, payment.Amount, payment.RetryCount, payment.Id, now, ct)
            is { } refusal)
        {
            payment.Fail(refusal, now);
        }
        else
        {
            payment.Complete(now);
            var ledger = await db.LedgerAccounts.Where(l => l.BankAccountId == payment.PayerAccountId || l.BankAccountId == payment.PayeeAccountId)
                .ToDictionaryAsync(l => l.BankAccountId!.Value, l => l.Id, ct);
            await db.PostAsync(Postings.Settlement(payment, ledger[payment.PayerAccountId], ledger[payment.PayeeAccountId]), now, ct);
            var lease = await db.Leases.Include(l => l.Schedule).Include(l => l.Amendments).SingleAsync(l => l.Id == payment.LeaseId, ct);
            if (lease.Schedule.Advance(lease, payment.PeriodDueDate)) LogScheduleAdvanced(logger, lease.Id, lease.Schedule.NextDueDate);
            if (bank.LaterReturn(payment, payerLast4, now) is { } laterReturn) db.SimulatedBankReturns.Add(laterReturn);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        activity?.SetTag("payment.status", SnakeCaseEnum<PaymentStatus>.ToText[payment.Status]);
        PaymentMetrics.PaymentSettled(payment, now);
        LogSettled(logger, payment.Id, payment.Status, payment.FailureCode);
    }

    /// <summary>A refund's bank answer: the landlord's bank sends the money back; the payment and the books record it.</summary>
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
        if (await bank.TransferAsync(db, payment.PayeeAccountId, payeeLast4, payment.PayerAccountId, refund.Amount, 0, refund.Id, now, ct) is { } refusal)
        {
            refund.Fail(refusal, now);
        }
        else
        {
            refund.Complete(now);
            payment.RecordRefund(refund, now);
            var ledger = await db.LedgerAccounts.Where(l => l.BankAccountId == payment.PayerAccountId || l.BankAccountId == payment.PayeeAccountId)
                .ToDictionaryAsync(l => l.BankAccountId!.Value, l => l.Id, ct);
            await db.PostAsync(Postings.Refund(refund, ledger[payment.PayerAccountId], ledger[payment.PayeeAccountId]), now, ct);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        LogRefundSettled(logger, refund.Id, payment.Id, refund.Status, refund.FailureCode);
    }

    /// <summary>The payer's bank sends a settled ACH payment back: the payment is returned, its period is due again, the books reverse.</summary>
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
            await SimulatedBank.ReverseAsync(db, payment, now, ct);
            var lease = await db.Leases.Include(l => l.Schedule).Include(l => l.Amendments).SingleAsync(l => l.Id == payment.LeaseId, ct);
            lease.Schedule.Reopen(lease, payment.PeriodDueDate);
            var ledger = await db.LedgerAccounts.Where(l => l.BankAccountId == payment.PayerAccountId || l.BankAccountId == payment.PayeeAccountId)
                .ToDictionaryAsync(l => l.BankAccountId!.Value, l => l.Id, ct);
            await db.PostAsync(Postings.Return(payment, ledger[payment.PayerAccountId], ledger[payment.PayeeAccountId]), now, ct);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        LogReturned(logger, payment.Id, bankReturn.Code);
    }

    [LoggerMessage(LogLevel.Warning, "Payment {PaymentId} was returned by the payer's bank: {Code}")]
    private static partial void LogReturned(ILogger logger, Guid paymentId, string code);

    [LoggerMessage(LogLevel.Information, "Refund {RefundId} of payment {PaymentId} settled: {Status} {FailureCode}")]
    private static partial void LogRefundSettled(ILogger logger, Guid refundId, Guid paymentId, RefundStatus status, string? failureCode);

    [LoggerMessage(LogLevel.Information, "Payment {PaymentId} settled: {Status} {FailureCode}")]
    private static partial void LogSettled(ILogger logger, Guid paymentId, PaymentStatus status, string? failureCode);

    [LoggerMessage(LogLevel.Information, "Lease {LeaseId}: next rent due {NextDueDate}")]
    private static partial void LogScheduleAdvanced(ILogger logger, Guid leaseId, DateOnly nextDueDate);

    [LoggerMessage(LogLevel.Warning, "Settling payments failed; they are tried again")]
    private static partial void LogSettlingFailed(ILogger logger, Exception exception);
}
