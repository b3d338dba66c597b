using System.Diagnostics;
using DirectPay.Banking.Connection;
using DirectPay.Data;
using DirectPay.Domain;
using DirectPay.Payments;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.PaymentWorker;

public sealed partial class AchOrigination
{
    /// <summary>
    /// Sends every recorded file, oldest first, and records the bank's answer. Returns false when the bank could not be
    /// reached: the files stay recorded and are sent again on the next round.
    /// </summary>
    private async Task<bool> SendRecordedAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
        var recorded = await db.AchFiles.AsNoTracking()
            .Where(f => f.Direction == AchFileDirection.Sent && f.State == AchFileState.Recorded).OrderBy(f => f.CreatedAt).ToListAsync(ct);
        foreach (var file in recorded)
        {
            var traceParents = await db.Payments.Where(p => p.AchFileId == file.Id && p.TraceParent != null).Select(p => p.TraceParent!).ToListAsync(ct);
            // The file's span links to each payment's trace: one file, many payments, each with its own trace.
            using var activity = DirectPayTelemetry.Source.StartActivity("ach file submit", ActivityKind.Producer, parentContext: default,
                links: traceParents.Select(t => ActivityContext.TryParse(t, null, out var context) ? new ActivityLink(context) : default)
                    .Where(l => l.Context != default));
            activity?.SetTag("ach.file.id", file.Id);
            activity?.SetTag("ach.file.entries", file.EntryCount);
            try
            {
                var acknowledgement = await bank.SubmitAchFileAsync(file.Open(vault), ct);
                if (acknowledgement.Sha256 != file.Sha256)
                    await RefuseAsync(file.Id, "The bank holds another file under this file's identity (origin, creation date and modifier).", ct);
                else
                    await AcknowledgeAsync(file.Id, acknowledgement, ct);
            }
            catch (BankRefusedException refused)
            {
                await RefuseAsync(file.Id, $"{refused.Status}: {refused.Detail}", ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested && e is HttpRequestException or TaskCanceledException or Polly.ExecutionRejectedException)
            {
                activity?.SetStatus(ActivityStatusCode.Error); // unreachable, timed out, or the circuit is open: the files wait
                LogBankUnreachable(logger, e, file.Id);
                return false;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                activity?.SetStatus(ActivityStatusCode.Error); // this file's own trouble: it stays recorded, and the others go on
                LogSendFailed(logger, e, file.Id);
            }
        }
        return true;
    }

    /// <summary>The bank holds the file: each entry settles on its batch's date, which its payment now shows.</summary>
    private async Task AcknowledgeAsync(Guid fileId, FileAcknowledgement acknowledgement, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var file = await RecordedFileAsync(db, fileId, ct);
        if (file is null) return; // another worker recorded the answer first

        var now = clock.GetUtcNow();
        file.Acknowledge(acknowledgement.FileId, now);
        var settles = acknowledgement.Settlements.ToDictionary(s => s.BatchNumber, s => s.SettlementDate);
        var entries = await db.AchEntries.Where(e => e.AchFileId == fileId).ToListAsync(ct);
        var payments = await db.Payments.Where(p => p.AchFileId == fileId && p.Status == PaymentStatus.Processing).ToDictionaryAsync(p => p.Id, ct);
        var payouts = await db.Payouts.Where(p => p.AchFileId == fileId && p.State == PayoutState.Submitted).ToDictionaryAsync(p => p.Id, ct);
        foreach (var entry in entries)
        {
            entry.Settles(settles.TryGetValue(entry.BatchNumber!.Value, out var date) ? date : entry.SettlementDate);
            if (entry.PaymentId is { } paymentId && payments.TryGetValue(paymentId, out var payment)) payment.RecordAcknowledged(entry.SettlementDate, now);
            if (entry.PayoutId is { } payoutId && payouts.TryGetValue(payoutId, out var payout)) payout.RecordAcknowledged(entry.SettlementDate, now);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        LogAcknowledged(logger, fileId, acknowledgement.FileId);
    }

    /// <summary>The bank will never take the file: its payments, payouts and refunds fail, with the bank's reason on the file.</summary>
    private async Task RefuseAsync(Guid fileId, string problem, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var file = await RecordedFileAsync(db, fileId, ct);
        if (file is null) return;

        var now = clock.GetUtcNow();
        file.Refuse(problem, now);
        foreach (var entry in await db.AchEntries.Where(e => e.AchFileId == fileId).ToListAsync(ct)) entry.Refuse();
        foreach (var payment in await db.Payments.Where(p => p.AchFileId == fileId && p.Status == PaymentStatus.Processing).ToListAsync(ct))
            await db.FailAsync(payment, BankFailure.FileRefused, now, ct);
        foreach (var payout in await db.Payouts.Where(p => p.AchFileId == fileId && p.State == PayoutState.Submitted).ToListAsync(ct))
            await db.FailAsync(payout, BankFailure.FileRefused, now, ct);
        foreach (var refund in await db.Refunds.Where(r => r.Status == RefundStatus.Processing && db.AchEntries.Any(e => e.AchFileId == fileId && e.RefundId == r.Id))
                     .ToListAsync(ct))
            refund.Fail(BankFailure.FileRefused, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        LogRefused(logger, fileId, problem);
    }

    private static Task<AchFile?> RecordedFileAsync(DirectPayDb db, Guid fileId, CancellationToken ct) =>
        db.AchFiles.FromSql($"SELECT * FROM ach_files WHERE id = {fileId} AND state = 'recorded' FOR UPDATE").SingleOrDefaultAsync(ct);

    [LoggerMessage(LogLevel.Information, "The bank acknowledged ACH file {FileId} as {BankFileId}")]
    private static partial void LogAcknowledged(ILogger logger, Guid fileId, Guid bankFileId);

    [LoggerMessage(LogLevel.Error, "The bank refused ACH file {FileId}: {Problem}")]
    private static partial void LogRefused(ILogger logger, Guid fileId, string problem);

    [LoggerMessage(LogLevel.Error, "ACH file {FileId} could not be sent or its answer recorded; it stays recorded and is tried again")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, Guid fileId);

    [LoggerMessage(LogLevel.Warning, "The bank could not be reached with ACH file {FileId}; the recorded files are sent again")]
    private static partial void LogBankUnreachable(ILogger logger, Exception exception, Guid fileId);
}
