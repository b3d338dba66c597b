using DirectPay.Banking.Connection;
using DirectPay.Data;
using DirectPay.Domain;
using DirectPay.Payments;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.PaymentWorker;

/// <summary>
/// A payment by transfer order, when its answer is due: the bank is asked (and sent the order if it does not hold it);
/// settled completes it (the schedule moves on, the books record it), rejected fails it with the bank's code, pending
/// asks again when the bank expects to answer.
/// </summary>
public sealed partial class SettlementScheduler
{
    private async Task SettleAsync(Guid paymentId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
        var asked = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId && p.Status == PaymentStatus.Processing, ct);
        if (asked is null || !await BankTransfers.ClaimAsync(db, asked, clock.GetUtcNow(), ct)) return; // settled, or another replica asks
        using var activity = PaymentTrace.Continue("payment settle", asked.TraceParent, asked.Id);

        // Asked before the row is locked (the claim keeps other replicas away): no lock waits on the network.
        var answer = await AskBankAsync(() => transfers.AskAsync(db, BankTransfers.OrderId(asked.Id, asked.RetryCount), asked.Rail,
            asked.PayerAccountId, asked.PayeeAccountId, asked.Amount, asked.Id, ct));

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var payment = await db.Payments
            .FromSql($"SELECT * FROM payments WHERE id = {paymentId} AND status = 'processing' FOR UPDATE SKIP LOCKED")
            .SingleOrDefaultAsync(ct);
        if (payment is null || payment.RetryCount != asked.RetryCount) return; // settled already, or another replica holds it

        var now = clock.GetUtcNow();
        switch (answer)
        {
            case { Refusal: { } refusal }:
                await db.FailAsync(payment, refusal, now, ct);
                break;
            case { Status.Status: TransferStatus.Settled }:
                if (await db.CompleteAsync(payment, now, ct) is > 0 and var unapplied) PaymentLogs.Unapplied(logger, payment.Id, unapplied);
                BankTransfers.RecordStatementLines(db, answer.Status, payment.PayerAccountId, payment.PayeeAccountId, payment.Amount, payment.Id);
                break;
            default:
                payment.WaitForBank(AskAgainAt(answer.Status!, now));
                break;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (payment.Status == PaymentStatus.Processing) return;

        activity?.SetTag("payment.status", SnakeCaseEnum<PaymentStatus>.ToText[payment.Status]);
        PaymentMetrics.PaymentSettled(payment, now);
        LogSettled(logger, payment.Id, payment.Status, payment.FailureCode);
    }

    /// <summary>The bank's answer, or why the attempt failed before it could answer (no number to write, an order it refuses).</summary>
    private sealed record BankAnswer(TransferStatus? Status, BankFailure? Refusal);

    private static async Task<BankAnswer> AskBankAsync(Func<Task<TransferStatus?>> ask)
    {
        try
        {
            var status = await ask();
            return status is null ? new(null, BankFailure.AccountNumberUnavailable)
                : status.Status == TransferStatus.Rejected ? new(status, BankFailure.Of(status.ReasonCode ?? "REJECTED"))
                : new(status, null);
        }
        catch (BankRefusedException)
        {
            return new(null, BankFailure.FileRefused);
        }
    }

    /// <summary>When the bank said it would answer, or in a second if it did not say.</summary>
    private static DateTimeOffset AskAgainAt(TransferStatus pending, DateTimeOffset now) =>
        pending.AnswerExpectedAt is { } expected && expected > now ? expected : now + TimeSpan.FromSeconds(1);

    [LoggerMessage(LogLevel.Information, "Payment {PaymentId} settled: {Status} {FailureCode}")]
    private static partial void LogSettled(ILogger logger, Guid paymentId, PaymentStatus status, string? failureCode);
}
