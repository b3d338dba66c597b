using System.Security.Cryptography;
using DirectPay.Banking;
using DirectPay.Banking.Connection;
using DirectPay.Banking.Nacha;
using DirectPay.Data;
using DirectPay.Domain;
using DirectPay.Payments;
using DirectPay.Payments.Ach;
using DirectPay.Vault;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.PaymentWorker;

/// <summary>
/// Fetches the bank's return and notification-of-change files and applies each once, then completes the ACH payments
/// and pays the payouts whose return window has closed with no return (the bank's listing is complete through a banking
/// time, so every return due by then has been applied first), and makes the day's payouts (BankFileCollector.Payouts.cs). One worker collects at a time (the collection cursor, SKIP LOCKED); the
/// cursor moves on only with what was applied, in one transaction (docs/decisions/0016).
/// </summary>
public sealed partial class BankFileCollector(IServiceScopeFactory scopes, IBankConnection bank, BankingClock banking, AchSchedule schedule,
    AchOrigination origination, VaultProtector vault, TimeProvider clock, ILogger<BankFileCollector> logger) : BackgroundService
{
    private const int MostCompletedPerRound = 500;
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(1);
    /// <summary>A round asks the bank and reads the books: at the tests' compressed calendar a banking hour is 5 ms, far too often for that.</summary>
    private static readonly TimeSpan ShortestWait = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A banking hour at most between rounds, so payments complete soon after their window closes.
        var wait = TimeSpan.FromTicks(Math.Clamp(banking.RealDuration(TimeSpan.FromHours(1)).Ticks, ShortestWait.Ticks, LongestWait.Ticks));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CollectAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRoundFailed(logger, e); // nothing of the round was kept; the next one fetches again from the same mark
            }
            await Task.Delay(wait, clock, stoppingToken);
        }
    }

    private async Task CollectAsync(CancellationToken ct)
    {
        if (await ApplyNewFilesAsync(ct) is not { } mark) return;
        // Each step on its own: one that fails (and is tried again next round) holds up none of the others.
        (string Name, Func<DateTimeOffset, CancellationToken, Task> Run)[] steps =
        [
            ("completing payments", CompleteUnreturnedAsync), ("completing refund credits", CompleteRefundCreditsAsync),
            ("paying payouts", PayUnreturnedPayoutsAsync), ("making payouts", MakeDuePayoutsAsync),
        ];
        foreach (var (name, run) in steps)
        {
            try
            {
                await run(mark, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogStepFailed(logger, e, name);
            }
        }
    }

    /// <summary>
    /// Applies the files listed since the cursor, oldest first, and moves the cursor to the bank's mark, in one
    /// transaction; returns the mark. A file that cannot be applied holds the cursor (and so every completion) just
    /// before it, as it may carry a return: an operator hands in a good copy, naming it (POST /api/v1/admin/ach/files).
    /// </summary>
    private async Task<DateTimeOffset?> ApplyNewFilesAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var cursor = await db.AchCursors.FromSql($"SELECT * FROM ach_cursors WHERE name = {AchCursor.Collection} FOR UPDATE SKIP LOCKED")
            .SingleOrDefaultAsync(ct);
        if (cursor is null) return null; // another worker is collecting

        var since = cursor.CollectedThrough ?? DateTimeOffset.UnixEpoch;
        var listing = await bank.ListFilesAsync(since, ct);
        // Everything fetched before anything is applied: no payment or lease row stays locked while the bank is asked.
        var fetched = new List<(BankFileListing Listed, byte[] Bytes)>();
        foreach (var listed in listing.Files.OrderBy(f => f.CreatedAt))
            if (!await db.AchFiles.AnyAsync(f => f.BankFileId == listed.Id, ct)) // listed again: the mark is inclusive
                fetched.Add((listed, await bank.GetFileAsync(listed.Id, ct)));

        var through = listing.CompleteThrough;
        var now = clock.GetUtcNow();
        foreach (var (listed, bytes) in fetched)
        {
            if (await TryApplyAsync(db, listed, bytes, now, ct)) continue;
            through = listed.CreatedAt.AddTicks(-10); // a microsecond before it, as the bank keeps time: listed again next round
            break;
        }
        cursor = await db.AchCursors.SingleAsync(c => c.Name == AchCursor.Collection, ct); // tracked again if a refused file cleared it
        if (through > since) cursor.CollectedThrough = through;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return cursor.CollectedThrough;
    }

    /// <summary>One file, whole or not at all (a savepoint); false, with the reason logged, when it cannot be applied.</summary>
    private async Task<bool> TryApplyAsync(DirectPayDb db, BankFileListing listed, byte[] bytes, DateTimeOffset now, CancellationToken ct)
    {
        if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != listed.Sha256)
        {
            LogNotAsListed(logger, listed.Id);
            return false;
        }
        var transaction = db.Database.CurrentTransaction!;
        await transaction.CreateSavepointAsync("file", ct);
        try
        {
            var applied = await ReceivedAchFiles.ApplyAsync(db, vault, bytes, listed.Id, now, ct);
            LogApplied(logger, applied.File.Id, listed.Id, applied.Returns, applied.Changes, applied.UnmatchedTraces.Count);
            foreach (var paymentId in applied.ReturnedAfterRefund) LogReturnedAfterRefund(logger, paymentId);
            foreach (var refundId in applied.RefundsReturnedAfterCompletion) LogRefundCameBack(logger, refundId);
            return true;
        }
        catch (Exception e) when (e is NachaFormatException or UnacknowledgedFileException)
        {
            await transaction.RollbackToSavepointAsync("file", ct);
            db.ChangeTracker.Clear();
            if (e is NachaFormatException format) LogUnreadable(logger, listed.Id, format.Line, format.Field, format.Problem);
            else LogAwaitsAcknowledgement(logger, listed.Id, ((UnacknowledgedFileException)e).FileId);
            return false;
        }
    }

    /// <summary>
    /// Processing ACH payments whose return window closed by the mark: every file up to it is applied, so no return
    /// due by then is still to come. Each in its own short transaction, as a settlement is.
    /// </summary>
    private async Task CompleteUnreturnedAsync(DateTimeOffset mark, CancellationToken ct)
    {
        List<(Guid Id, DateOnly SettlementDate)> candidates;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
            var latestSettlement = FedCalendar.DateInNewYork(mark);
            candidates = (await db.Payments
                .Where(p => p.Status == PaymentStatus.Processing && p.ExpectedSettlementDate <= latestSettlement
                            && db.AchFiles.Any(f => f.Id == p.AchFileId && f.State == AchFileState.Acknowledged))
                .OrderBy(p => p.ExpectedSettlementDate).Take(MostCompletedPerRound)
                .Select(p => new { p.Id, p.ExpectedSettlementDate }).ToListAsync(ct))
                .Select(p => (p.Id, p.ExpectedSettlementDate!.Value)).ToList();
        }
        await EachOnItsOwnAsync("completing payment", candidates.Where(c => AchReturns.WindowClosesAt(c.SettlementDate) <= mark).Select(c => c.Id),
            CompleteAsync, ct);
    }

    /// <summary>Each item in its own transaction: one that fails stays due for the next round, and the others go on.</summary>
    private async Task EachOnItsOwnAsync(string what, IEnumerable<Guid> ids, Func<Guid, CancellationToken, Task> act, CancellationToken ct)
    {
        foreach (var id in ids)
        {
            try
            {
                await act(id, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogItemFailed(logger, e, what, id);
            }
        }
    }

    private async Task CompleteAsync(Guid paymentId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var payment = await db.Payments
            .FromSql($"SELECT * FROM payments WHERE id = {paymentId} AND status = 'processing' FOR UPDATE SKIP LOCKED").SingleOrDefaultAsync(ct);
        if (payment is null) return; // completed, failed or held by another transaction: the next round looks again

        using var activity = PaymentTrace.Continue("payment complete", payment.TraceParent, payment.Id);
        var now = clock.GetUtcNow();
        if (await db.CompleteAsync(payment, now, ct) is > 0 and var unapplied) PaymentLogs.Unapplied(logger, payment.Id, unapplied);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        PaymentMetrics.PaymentSettled(payment, now);
    }

    [LoggerMessage(LogLevel.Information, "Bank file {BankFileId} answers ACH file {FileId}, whose acknowledgement is still to be recorded; it waits")]
    private static partial void LogAwaitsAcknowledgement(ILogger logger, Guid bankFileId, Guid fileId);

    [LoggerMessage(LogLevel.Warning, "Refund {RefundId} completed, then the renter's bank returned its credit: recorded as returned, the landlord's balance has it again, and the renter is still owed it")]
    private static partial void LogRefundCameBack(ILogger logger, Guid refundId);

    [LoggerMessage(LogLevel.Critical, "Payment {PaymentId} was returned after it was refunded, or with a refund on its way: the renter has the refunded money twice; contest the return or recover it")]
    private static partial void LogReturnedAfterRefund(ILogger logger, Guid paymentId);

    [LoggerMessage(LogLevel.Error, "Bank file {BankFileId} is not the file the bank listed (its SHA-256 differs); collection waits before it")]
    private static partial void LogNotAsListed(ILogger logger, Guid bankFileId);

    [LoggerMessage(LogLevel.Information, "Applied bank file {BankFileId} as {FileId}: {Returns} returns, {Changes} changes, {Unmatched} unmatched")]
    private static partial void LogApplied(ILogger logger, Guid fileId, Guid bankFileId, int returns, int changes, int unmatched);

    [LoggerMessage(LogLevel.Error, "Bank file {BankFileId} cannot be applied (line {Line}, {Field}: {Problem}); nothing of it was, and collection waits before it")]
    private static partial void LogUnreadable(ILogger logger, Guid bankFileId, int line, string field, string problem);


    [LoggerMessage(LogLevel.Warning, "{What} {Id} failed; it is tried again next round")]
    private static partial void LogItemFailed(ILogger logger, Exception exception, string what, Guid id);

    [LoggerMessage(LogLevel.Warning, "After collecting the bank's files, {Step} failed; the next round does it again")]
    private static partial void LogStepFailed(ILogger logger, Exception exception, string step);

    [LoggerMessage(LogLevel.Warning, "Collecting the bank's files failed; the next round fetches again")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
