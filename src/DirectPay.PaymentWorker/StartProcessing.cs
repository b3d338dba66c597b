using DirectPay.Banking;
using DirectPay.Data;
using DirectPay.Domain;
using DirectPay.Payments;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.PaymentWorker;

/// <summary>
/// A stream message says a payment is pending: pending → processing. An ACH payment's debit is queued for the file of
/// its cutoff (AchOrigination.cs); an instant or wire payment's transfer order goes to the bank at once (SettlePayment.cs).
/// A message that finds the payment already past that event (a redelivery) changes nothing.
/// </summary>
public sealed partial class StartProcessing(IServiceScopeFactory scopes, SettlementScheduler settlements,
    AchSchedule achSchedule, BankingClock banking, AchOrigination origination, TimeProvider clock, ILogger<StartProcessing> logger)
{
    public Task HandleAsync(PaymentMessage message, CancellationToken ct) =>
        message.RefundId is { } refundId ? StartRefundAsync(message, refundId, ct) : StartPaymentAsync(message, ct);

    private async Task StartPaymentAsync(PaymentMessage message, CancellationToken ct)
    {
        using var activity = PaymentTrace.Continue("payment start processing", message.TraceParent, message.PaymentId);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();

        var payment = await db.Payments.SingleOrDefaultAsync(p => p.Id == message.PaymentId, ct);
        if (payment is null || payment.Status != PaymentStatus.Pending || payment.LastSequence != message.EventSequence)
        {
            LogAlreadyHandled(logger, message.PaymentId, message.EventSequence);
            return;
        }

        var now = clock.GetUtcNow();
        if (Rails.IsAch(payment.Rail))
        {
            // ACH goes in the file of the next cutoff; its answer comes in the bank's files, not at a due time.
            var window = achSchedule.WindowFor(banking.GetUtcNow(), payment.Rail == PaymentRail.SameDayAch, payment.Amount);
            payment.WaitForCutoff(window.SettlementDate, now);
            db.AchEntries.Add(AchEntry.Collection(payment, window, now));
        }
        else
        {
            payment.StartProcessing(now, now); // its order goes to the bank on the scheduler's next round
        }
        try
        {
            await db.SaveChangesAsync(ct); // UPDATE ... WHERE status = 'pending' AND version = @v, plus the event: one transaction
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.InnerException is Npgsql.PostgresException
                                          { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            LogLostRace(logger, payment.Id);
            return;
        }
        LogProcessing(logger, payment.Id, payment.Rail);
        if (Rails.IsAch(payment.Rail)) origination.Wake();
        else settlements.Wake();
    }

    /// <summary>
    /// The same for a refund: pending → processing. A refund by ACH of a payment collected into the settlement account is
    /// queued as a credit to the renter for the next cutoff; any other is a transfer order from the landlord's account, sent at once.
    /// </summary>
    private async Task StartRefundAsync(PaymentMessage message, Guid refundId, CancellationToken ct)
    {
        using var activity = PaymentTrace.Continue("refund start processing", message.TraceParent, message.PaymentId);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();

        // The payment's row first, as a return from the bank takes it: a refund is queued before the return stops it, or sees it.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var payment = await db.Payments.FromSql($"SELECT * FROM payments WHERE id = {message.PaymentId} FOR UPDATE").AsNoTracking()
            .SingleOrDefaultAsync(ct);
        var refund = await db.Refunds.SingleOrDefaultAsync(r => r.Id == refundId, ct);
        if (payment is null || refund is null || refund.Status != RefundStatus.Pending || refund.LastSequence != message.EventSequence)
        {
            LogAlreadyHandled(logger, message.PaymentId, message.EventSequence);
            return;
        }
        var now = clock.GetUtcNow();
        var byAch = Rails.IsAch(refund.Rail) && payment.CollectedThroughSettlement;
        if (byAch && payment.Status != PaymentStatus.Completed)
        {
            refund.StartProcessing(null, now);
            refund.Fail(BankFailure.PaymentReturned, now); // returned since it was asked for: nothing left to send back
        }
        else if (byAch)
        {
            // The money is in the settlement account: it goes back to the renter as an ACH credit in the next file.
            refund.StartProcessing(null, now);
            db.AchEntries.Add(AchEntry.ForRefund(refund, payment.PayerAccountId,
                achSchedule.WindowFor(banking.GetUtcNow(), refund.Rail == PaymentRail.SameDayAch, refund.Amount), now));
        }
        else
        {
            refund.StartProcessing(now, now);
        }
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.InnerException is Npgsql.PostgresException
                                          { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            LogLostRace(logger, refund.PaymentId);
            return;
        }
        if (byAch) origination.Wake();
        else settlements.Wake();
        LogRefundProcessing(logger, refund.Id, refund.Status);
    }

    [LoggerMessage(LogLevel.Information, "Refund {RefundId} is {Status}")]
    private static partial void LogRefundProcessing(ILogger logger, Guid refundId, RefundStatus status);

    [LoggerMessage(LogLevel.Information, "Payment {PaymentId} is processing on {Rail}")]
    private static partial void LogProcessing(ILogger logger, Guid paymentId, PaymentRail rail);

    [LoggerMessage(LogLevel.Information, "Payment {PaymentId} is past event {EventSequence}: nothing to do")]
    private static partial void LogAlreadyHandled(ILogger logger, Guid paymentId, int eventSequence);

    [LoggerMessage(LogLevel.Information, "Payment {PaymentId} was moved by another worker first")]
    private static partial void LogLostRace(ILogger logger, Guid paymentId);
}
