using System.Security.Cryptography;
using DirectPay.Banking;
using DirectPay.Banking.Nacha;
using DirectPay.Data;
using DirectPay.Domain;
using DirectPay.Vault;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Payments.Ach;

/// <summary>
/// A return or notification names an entry whose file's acknowledgement DirectPay has not recorded yet: the bank's
/// answers are applied in the bank's order, acknowledgement first, so the file waits (a moment: the sender records it).
/// </summary>
public sealed class UnacknowledgedFileException(Guid fileId)
    : Exception($"An entry of ACH file {fileId} is answered before its acknowledgement was recorded.")
{
    public Guid FileId { get; } = fileId;
}

/// <summary>What applying a file from the bank did: the file as recorded, and the entries that matched nothing DirectPay sent.</summary>
/// <param name="ReturnedAfterRefund">Payments returned after a refund: the money came back twice, for operations to recover.</param>
/// <param name="RefundsReturnedAfterCompletion">Refund credits the renter's bank sent back after they completed (recorded as
/// returned, the landlord's balance has them again) of payments not returned: the renter is still owed them.</param>
public sealed record AppliedAchFile(AchFile File, bool AlreadyApplied, int Returns, int Changes, IReadOnlyList<string> UnmatchedTraces,
    IReadOnlyList<Guid> ReturnedAfterRefund, IReadOnlyList<Guid> RefundsReturnedAfterCompletion);

/// <summary>
/// Return and notification-of-change files from the bank, whether the worker fetched them or an admin handed one in:
/// each applied once (by its identity), whole or not at all, in the caller's transaction. Returns fail or return their
/// payment, or bring back their payout; notifications change the account before its next entry.
/// </summary>
public static class ReceivedAchFiles
{
    /// <exception cref="NachaFormatException">The file cannot be read, is not a return or notification file, or another
    /// file with its identity was applied; nothing of it is.</exception>
    /// <exception cref="UnacknowledgedFileException">It answers an entry whose file's acknowledgement is still to be recorded.</exception>
    public static async Task<AppliedAchFile> ApplyAsync(DirectPayDb db, VaultProtector vault, byte[] bytes, Guid? bankFileId,
        DateTimeOffset now, CancellationToken ct)
    {
        var nacha = NachaReader.Read(bytes);
        var kind = KindOf(nacha);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var (origin, date, modifier) = (nacha.Header.ImmediateOrigin, nacha.Header.CreationDate, nacha.Header.FileIdModifier.ToString());
        if (await db.AchFiles.SingleOrDefaultAsync(f => f.Direction == AchFileDirection.Received && f.ImmediateOrigin == origin
                && f.CreationDate == date && f.FileIdModifier == modifier, ct) is { } applied)
        {
            if (applied.Sha256 != sha256)
                throw new NachaFormatException(1, "file ID modifier", $"a different file from {origin} created {date:yyyy-MM-dd} with modifier {modifier} was applied already");
            if (bankFileId is { } id && applied.BankFileId is null)
            {
                applied.IdentifyAs(id);
                await db.SaveChangesAsync(ct);
            }
            return new AppliedAchFile(applied, AlreadyApplied: true, 0, 0, [], [], []);
        }

        // A return may stop a refund credit still queued for a file: no file is written until this one is applied. Taken
        // before any payment or refund row, as the origination takes it before its own rows, so the two never deadlock.
        if (nacha.Entries.Any(e => e.Return is not null))
            await db.AchCursors.FromSql($"SELECT * FROM ach_cursors WHERE name = {AchCursor.Origination} FOR UPDATE").SingleAsync(ct);

        var fileId = Guid.CreateVersion7();
        var file = new AchFile(fileId, AchFileDirection.Received, kind, nacha, sha256, AchFile.Seal(vault, fileId, bytes), now);
        db.AchFiles.Add(file);
        // The bank wrote the file at its header's date and time (a blank time: the day's start, the earliest it can mean).
        var writtenAt = FedCalendar.At(nacha.Header.CreationDate, nacha.Header.CreationTime ?? TimeOnly.MinValue);
        var (returns, changes, unmatched, afterRefund, refundsBack) = (0, 0, new List<string>(), new List<Guid>(), new List<Guid>());
        foreach (var entry in nacha.Entries)
        {
            var original = entry.Return?.OriginalTraceNumber ?? entry.Change!.OriginalTraceNumber;
            // The trace sequence wraps, so a trace names the newest entry that carried it; the payment must still be on that attempt.
            var sent = await db.AchEntries.Where(e => e.TraceNumber == original && e.State == AchEntryState.InFile)
                .OrderByDescending(e => e.CreatedAt).FirstOrDefaultAsync(ct);
            if (sent is not null && await db.AchFiles.AnyAsync(f => f.Id == sent.AchFileId && f.State == AchFileState.Recorded, ct))
                throw new UnacknowledgedFileException(sent.AchFileId!.Value);
            // The money came back at the bank whatever the payment makes of it: the settlement account's day says so.
            if (sent is not null && entry.Return is { } reversal) sent.RecordReturn(reversal.ReturnCode, nacha.Header.CreationDate);
            var matched = sent is not null && entry.Return is { } returned
                ? await ApplyReturnAsync(db, sent, returned.ReturnCode, writtenAt, afterRefund, refundsBack, now, ct)
                : sent is not null && entry.Change is { } change && await ApplyChangeAsync(db, vault, sent, change, ct);
            if (!matched) unmatched.Add(original);
            else if (entry.Return is not null) returns++;
            else changes++;
        }
        file.Applied(bankFileId, unmatched.Count, now);
        await db.SaveChangesAsync(ct);
        return new AppliedAchFile(file, AlreadyApplied: false, returns, changes, unmatched, afterRefund, refundsBack);
    }

    /// <summary>Every entry of a file from the bank is a return (addenda 99) or a notification of change (addenda 98).</summary>
    private static string KindOf(NachaFile file)
    {
        var line = 1;
        var (returns, changes) = (0, 0);
        foreach (var batch in file.Batches)
        {
            line++;
            // DirectPay never originates international entries, whose account numbers sit elsewhere in the record.
            if (batch.Header.SecCode == "IAT") throw new NachaFormatException(line, "standard entry class code", "IAT: DirectPay sends no international entries");
            foreach (var entry in batch.Entries)
            {
                line++;
                if (entry.Return is not null) returns++;
                else if (entry.Change is not null) changes++;
                else throw new NachaFormatException(line, "addenda type code", $"trace {entry.TraceNumber} is neither a return (99) nor a notification of change (98)");
                line += entry.Addenda.Count;
            }
            line++;
        }
        return returns >= changes ? AchFile.Returns : AchFile.NotificationsOfChange;
    }

    /// <summary>
    /// A processing payment fails; a completed one is returned; a payout comes back; a refund credit in its window
    /// fails, and one completed is returned. False when the trace is no longer its payment's entry. The payment's row is
    /// locked before its refunds', as everywhere.
    /// </summary>
    private static async Task<bool> ApplyReturnAsync(DirectPayDb db, AchEntry sent, string code, DateTimeOffset writtenAt, List<Guid> afterRefund,
        List<Guid> refundsBack, DateTimeOffset now, CancellationToken ct)
    {
        var failure = BankFailure.Of(code);
        // Written after the entry's window closed: it had completed by then, even if the round that completes it has not
        // come yet, so it is completed first and then returned.
        var windowClosed = AchReturns.WindowClosesAt(sent.SettlementDate) <= writtenAt;
        if (sent.PayoutId is { } payoutId)
        {
            var payout = await db.Payouts.FromSql($"SELECT * FROM payouts WHERE id = {payoutId} FOR UPDATE").SingleAsync(ct);
            if (payout.State is PayoutState.Submitted or PayoutState.Paid) await db.ReturnAsync(payout, failure, now, ct);
            return true; // returned already: the same return, applied once
        }
        if (sent.RefundId is { } refundId)
        {
            var paid = await LockPaymentAsync(db, await db.Refunds.Where(r => r.Id == refundId).Select(r => r.PaymentId).SingleAsync(ct), ct);
            var refund = await db.Refunds.FromSql($"SELECT * FROM refunds WHERE id = {refundId} FOR UPDATE").SingleAsync(ct);
            if (refund.Status == RefundStatus.Processing && windowClosed) await db.CompleteAsync(refund, paid, now, ct);
            // The renter's bank refused the credit (a closed account): the money stays in the settlement account.
            if (refund.Status == RefundStatus.Processing) refund.Fail(failure, now);
            else if (refund.Status == RefundStatus.Completed)
            {
                await db.ReturnAsync(refund, paid, failure, now, ct);
                if (paid.Status != PaymentStatus.Returned) refundsBack.Add(refund.Id); // a returned payment gave the renter all of it back
            }
            return true;
        }
        var payment = await LockPaymentAsync(db, sent.PaymentId!.Value, ct);
        if (payment.TraceNumber != sent.TraceNumber) return false; // an earlier attempt's: the payment has moved on
        if (payment.Status == PaymentStatus.Processing && windowClosed) await db.CompleteAsync(payment, now, ct);
        if (payment.Status == PaymentStatus.Processing) await db.FailAsync(payment, failure, now, ct);
        else if (payment.Status is PaymentStatus.Completed or PaymentStatus.Refunded)
        {
            var refundOnItsWay = await db.SettleBeforeReturnAsync(payment, writtenAt, now, ct);
            var refundedBefore = payment.RefundedAmount > 0 || refundOnItsWay;
            var returned = await db.ReturnAsync(payment, failure, now, ct);
            if (!returned) payment.NoteReturnAfterRefund(failure, now); // the old simulator's, refunded: noted only
            if (!returned || refundedBefore) afterRefund.Add(payment.Id); // the renter has money twice: contest the return
        }
        return true; // failed or returned already: the same return, applied once
    }

    private static Task<Payment> LockPaymentAsync(DirectPayDb db, Guid paymentId, CancellationToken ct) =>
        db.Payments.FromSql($"SELECT * FROM payments WHERE id = {paymentId} FOR UPDATE").SingleAsync(ct);

    /// <summary>The account takes the receiving bank's correction; false when the correction cannot be an account's.</summary>
    private static async Task<bool> ApplyChangeAsync(DirectPayDb db, VaultProtector vault, AchEntry sent, ChangeAddenda change, CancellationToken ct)
    {
        if (NocCorrection.Read(change.ChangeCode, change.CorrectedData, out _) is not { } correction) return false;
        if (correction.AccountNumber is { } number && !BankAccountNumber.IsValid(number)) return false;
        var account = await db.BankAccounts.SingleAsync(a => a.Id == sent.BankAccountId, ct);
        // Only checking (2x) and savings (3x): DirectPay holds no general-ledger or loan accounts.
        if (correction.TransactionCode is { } code && code / 10 is not (2 or 3)) return false;
        var type = correction.TransactionCode is { } c ? c / 10 == 3 ? BankAccountType.Savings : BankAccountType.Checking : (BankAccountType?)null;
        account.ApplyCorrection(correction.RoutingNumber, correction.AccountNumber, type);
        if (correction.AccountNumber is { } corrected)
        {
            if (await db.BankAccountNumbers.SingleOrDefaultAsync(n => n.BankAccountId == account.Id, ct) is { } kept) kept.Replace(vault, corrected);
            else db.BankAccountNumbers.Add(BankAccountNumber.For(vault, account.Id, corrected));
        }
        return true;
    }
}
