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
/// whose return window has closed with no return: the bank's listing is complete through a banking time, so every
/// return due by then has been applied first. One worker collects at a time (the collection cursor, SKIP LOCKED); the
/// cursor moves on only with what was applied, in one transaction.
/// </summary>
public sealed partial class BankFileCollector(IServiceScopeFactory scopes, IBankConnection bank, BankingClock banking, VaultProtector vault,
    TimeProvider clock, ILogger<BankFileCollector> logger) : BackgroundService
{
    private const int MostCompletedPerRound = 500;
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(1);
    /// <summary>A round asks the bank and reads the books: at the tests' compressed calendar a banking hour is 5 ms, far too often for that.</summary>
    private static readonly TimeSpan ShortestWait = TimeSpan.FromMilliseconds(250);

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
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var cursor = await db.AchCursors.FromSql($"SELECT * FROM ach_cursors WHERE name = {AchCursor.Collection} FOR UPDATE SKIP LOCKED")
            .SingleOrDefaultAsync(ct);
        if (cursor is null) return; // another worker is collecting

        var since = cursor.CollectedThrough ?? DateTimeOffset.UnixEpoch;
        var listing = await bank.ListFilesAsync(since, ct);
        var now = clock.GetUtcNow();
        foreach (var listed in listing.Files.OrderBy(f => f.CreatedAt))
        {
            if (await db.AchFiles.AnyAsync(f => f.BankFileId == listed.Id, ct)) continue; // listed again: the mark is inclusive
            await ApplyAsync(db, listed, await bank.GetFileAsync(listed.Id, ct), now, ct);
        }
        await CompleteUnreturnedAsync(db, listing.CompleteThrough, now, ct);
        cursor = await db.AchCursors.SingleAsync(c => c.Name == AchCursor.Collection, ct); // tracked again if a refused file cleared it
        if (listing.CompleteThrough > since) cursor.CollectedThrough = listing.CompleteThrough;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>One file, whole or not at all (a savepoint): a file that cannot be applied is logged and the others go on.</summary>
    private async Task ApplyAsync(DirectPayDb db, BankFileListing listed, byte[] bytes, DateTimeOffset now, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction!;
        await transaction.CreateSavepointAsync("file", ct);
        try
        {
            var applied = await ReceivedAchFiles.ApplyAsync(db, vault, bytes, listed.Id, now, ct);
            LogApplied(logger, applied.File.Id, listed.Id, applied.Returns, applied.Changes, applied.UnmatchedTraces.Count);
        }
        catch (NachaFormatException e)
        {
            await transaction.RollbackToSavepointAsync("file", ct);
            db.ChangeTracker.Clear();
            LogUnreadable(logger, listed.Id, e.Line, e.Field, e.Problem); // the bank's file is wrong: an operator hands in a good one by hand
        }
    }

    /// <summary>Processing ACH payments whose return window closed by the bank's mark: completed, in settlement order.</summary>
    private async Task CompleteUnreturnedAsync(DirectPayDb db, DateTimeOffset completeThrough, DateTimeOffset now, CancellationToken ct)
    {
        var latestSettlement = FedCalendar.DateInNewYork(completeThrough);
        var candidates = await db.Payments
            .Where(p => p.Status == PaymentStatus.Processing && p.ExpectedSettlementDate <= latestSettlement
                        && db.AchFiles.Any(f => f.Id == p.AchFileId && f.State == AchFileState.Acknowledged))
            .OrderBy(p => p.ExpectedSettlementDate).Take(MostCompletedPerRound).ToListAsync(ct);
        foreach (var payment in candidates.Where(p => AchReturns.WindowClosesAt(p.ExpectedSettlementDate!.Value) <= completeThrough))
        {
            using var activity = PaymentTrace.Continue("payment complete", payment.TraceParent, payment.Id);
            if (await db.CompleteAsync(payment, now, ct) is > 0 and var unapplied) LogUnapplied(logger, payment.Id, unapplied);
            PaymentMetrics.PaymentSettled(payment, now);
        }
    }

    [LoggerMessage(LogLevel.Information, "Applied bank file {BankFileId} as {FileId}: {Returns} returns, {Changes} changes, {Unmatched} unmatched")]
    private static partial void LogApplied(ILogger logger, Guid fileId, Guid bankFileId, int returns, int changes, int unmatched);

    [LoggerMessage(LogLevel.Error, "Bank file {BankFileId} cannot be applied (line {Line}, {Field}: {Problem}); nothing of it was")]
    private static partial void LogUnreadable(ILogger logger, Guid bankFileId, int line, string field, string problem);

    [LoggerMessage(LogLevel.Warning, "Payment {PaymentId} paid {Unapplied} more than its renter owed: left unallocated")]
    private static partial void LogUnapplied(ILogger logger, Guid paymentId, decimal unapplied);

    [LoggerMessage(LogLevel.Warning, "Collecting the bank's files failed; the next round fetches again")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
