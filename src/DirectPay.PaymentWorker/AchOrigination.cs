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
using Microsoft.Extensions.Options;

namespace DirectPay.PaymentWorker;

/// <summary>
/// ACH entries go to the bank in files at the ODFI's cutoffs. At a cutoff the entries queued for it are put in one file,
/// which is recorded (sealed, with each entry's trace number) in the same transaction that takes them off the queue, so
/// an entry is in exactly one file, ever. Then every recorded file is sent until the bank acknowledges it: a crash
/// between recording and sending sends the same bytes again, and the bank answers a file it holds with its first
/// acknowledgement (AchOrigination.Send.cs).
/// </summary>
public sealed partial class AchOrigination(IServiceScopeFactory scopes, IBankConnection bank, BankingClock banking, VaultProtector vault,
    IOptions<AchOptions> options, TimeProvider clock, ILogger<AchOrigination> logger) : DueTimeLoop
{
    /// <summary>Far under the 10-digit entry count and the 12-digit totals a file may carry.</summary>
    private const int MostEntriesPerFile = 10_000;
    private const string Modifiers = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    /// <summary>NACHA dates have two-digit years, read as 1950-2049.</summary>
    private static readonly DateOnly LastWritableDate = new(2049, 12, 31);

    /// <summary>Writes the file of a cutoff that has come, sends what is recorded, and waits for the next cutoff.</summary>
    protected override async Task<TimeSpan?> RoundAsync(CancellationToken ct)
    {
        await WriteDueFileAsync(ct);
        var allSent = await SendRecordedAsync(ct);
        return allSent && await NextCutoffAsync(ct) is { } next ? banking.RealDelayUntil(next) : null;
    }

    protected override void RoundFailed(Exception exception) => LogRoundFailed(logger, exception);

    private async Task<DateTimeOffset?> NextCutoffAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
        return await db.AchEntries.Where(e => e.State == AchEntryState.Queued).MinAsync(e => (DateTimeOffset?)e.CutoffAt, ct);
    }

    /// <summary>Puts the entries whose cutoff has come in one file and records it; the origination cursor serializes the workers.</summary>
    private async Task WriteDueFileAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var cursor = await db.AchCursors.FromSql($"SELECT * FROM ach_cursors WHERE name = {AchCursor.Origination} FOR UPDATE").SingleAsync(ct);
        var createdAt = banking.GetUtcNow(); // after the lock: the file is dated after any file written before it
        var entries = await db.AchEntries.Where(e => e.State == AchEntryState.Queued && e.CutoffAt <= createdAt)
            .OrderBy(e => e.CutoffAt).ThenBy(e => e.CreatedAt).Take(MostEntriesPerFile).ToListAsync(ct);
        if (entries.Count == 0) return;

        var creationDate = FedCalendar.DateInNewYork(createdAt);
        if (creationDate > LastWritableDate)
        {
            LogPastLastDate(logger, creationDate);
            return;
        }
        var written = await db.AchFiles.CountAsync(f => f.Direction == AchFileDirection.Sent && f.CreationDate == creationDate, ct);
        if (written >= Modifiers.Length)
        {
            LogNoModifierLeft(logger, creationDate); // the entries wait for the next banking date
            return;
        }

        var now = clock.GetUtcNow();
        var (toSend, purposes) = await OutgoingAsync(db, entries, now, ct);
        if (toSend.Count == 0)
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return;
        }
        var built = NachaOrigination.Build(options.Value.Originator, createdAt, Modifiers[written], cursor.NextTraceSequence,
            toSend.Select(x => x.Outgoing).ToList());
        var batchOf = built.File.Batches.SelectMany(b => b.Entries.Select(e => (e.TraceNumber, b.Header.BatchNumber)))
            .ToDictionary(x => x.TraceNumber, x => x.BatchNumber);
        var fileId = Guid.CreateVersion7();
        var file = new AchFile(fileId, AchFileDirection.Sent, AchFile.Origination, built.File, Convert.ToHexStringLower(SHA256.HashData(built.Bytes)),
            AchFile.Seal(vault, fileId, built.Bytes), now);
        db.AchFiles.Add(file);
        for (var i = 0; i < toSend.Count; i++)
        {
            var trace = built.TraceNumbers[i];
            toSend[i].Entry.PutInFile(fileId, batchOf[trace], trace);
            purposes.RecordInFile(toSend[i].Entry, fileId, trace, now);
        }
        cursor.NextTraceSequence = built.NextSequence;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        LogRecorded(logger, fileId, toSend.Count, file.TotalDebit, file.TotalCredit);
    }

    /// <summary>The payments, payouts and refunds whose entries go in a file.</summary>
    private sealed record Purposes(Dictionary<Guid, Payment> Payments, Dictionary<Guid, Payout> Payouts, Dictionary<Guid, Refund> Refunds)
    {
        /// <summary>A payment's history and a payout say which file and trace; a refund's entry says it alone.</summary>
        public void RecordInFile(AchEntry entry, Guid fileId, string trace, DateTimeOffset now)
        {
            if (entry.PaymentId is { } paymentId) Payments[paymentId].RecordInFile(fileId, trace, now);
            else if (entry.PayoutId is { } payoutId) Payouts[payoutId].RecordInFile(fileId, trace, now);
        }

        /// <summary>The entry cannot go: its account's number cannot be opened.</summary>
        public async Task FailAsync(DirectPayDb db, AchEntry entry, DateTimeOffset now, CancellationToken ct)
        {
            if (entry.PaymentId is { } paymentId) await db.FailAsync(Payments[paymentId], BankFailure.AccountNumberUnavailable, now, ct);
            else if (entry.PayoutId is { } payoutId) await db.FailAsync(Payouts[payoutId], BankFailure.AccountNumberUnavailable, now, ct);
            else Refunds[entry.RefundId!.Value].Fail(BankFailure.AccountNumberUnavailable, now);
        }
    }

    /// <summary>
    /// Each queued entry as it goes in the file, its account number opened from the vault: a renter's WEB debit for a
    /// payment, a PPD credit for a landlord's payout or a renter's refund. An entry whose number cannot be opened fails alone; the others go on.
    /// </summary>
    private async Task<(List<(AchEntry Entry, OutgoingEntry Outgoing)>, Purposes)> OutgoingAsync(DirectPayDb db,
        List<AchEntry> entries, DateTimeOffset now, CancellationToken ct)
    {
        var paymentIds = entries.Where(e => e.PaymentId is not null).Select(e => e.PaymentId!.Value).ToList();
        var payoutIds = entries.Where(e => e.PayoutId is not null).Select(e => e.PayoutId!.Value).ToList();
        var refundIds = entries.Where(e => e.RefundId is not null).Select(e => e.RefundId!.Value).ToList();
        var accountIds = entries.Select(e => e.BankAccountId).Distinct().ToList();
        var purposes = new Purposes(await db.Payments.Where(p => paymentIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct),
            await db.Payouts.Where(p => payoutIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct),
            await db.Refunds.Where(r => refundIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct));
        var accounts = await db.BankAccounts.Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var numbers = await db.BankAccountNumbers.Where(n => accountIds.Contains(n.BankAccountId)).ToDictionaryAsync(n => n.BankAccountId, ct);
        var ownerIds = accounts.Values.Select(a => a.UserId).Distinct().ToList();
        var names = await db.Users.Where(u => ownerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
        var recurring = (await db.AutopayAttempts.Where(a => a.PaymentId != null && paymentIds.Contains(a.PaymentId.Value))
            .Select(a => a.PaymentId!.Value).ToListAsync(ct)).ToHashSet();

        var result = new List<(AchEntry, OutgoingEntry)>();
        foreach (var entry in entries)
        {
            var account = accounts[entry.BankAccountId];
            string number;
            try
            {
                number = numbers.TryGetValue(account.Id, out var kept) ? kept.Open(vault) : throw new VaultException("no number on file");
            }
            catch (VaultException)
            {
                LogNoNumber(logger, entry.PaymentId ?? entry.PayoutId ?? entry.RefundId!.Value, account.Id);
                entry.Refuse();
                await purposes.FailAsync(db, entry, now, ct);
                continue;
            }
            var type = account.AccountType == BankAccountType.Savings ? AchAccountType.Savings : AchAccountType.Checking;
            var name = names[account.UserId];
            if (entry.PaymentId is { } id)
            {
                var payment = purposes.Payments[id];
                result.Add((entry, new OutgoingEntry("WEB", payment.RetryCount > 0 ? EntryDescriptions.Reinitiated : EntryDescriptions.Rent,
                    entry.EffectiveDate, Debit: true, type, account.RoutingNumber, number, entry.Amount, ReceiverId(id), name,
                    recurring.Contains(id) ? WebPaymentType.Recurring : WebPaymentType.Single)));
            }
            else
            {
                var (description, purpose) = entry.PayoutId is { } payoutId ? (EntryDescriptions.Payout, payoutId) : (EntryDescriptions.Refund, entry.RefundId!.Value);
                result.Add((entry, new OutgoingEntry("PPD", description, entry.EffectiveDate, Debit: false, type,
                    account.RoutingNumber, number, entry.Amount, ReceiverId(purpose), name)));
            }
        }
        return (result, purposes);
    }

    /// <summary>The receiver's individual identification: the first 15 hex digits of the payment's or payout's id.</summary>
    private static string ReceiverId(Guid id) => id.ToString("N")[..15].ToUpperInvariant();

    [LoggerMessage(LogLevel.Information, "Recorded ACH file {FileId}: {Count} entries, debits {TotalDebit}, credits {TotalCredit}")]
    private static partial void LogRecorded(ILogger logger, Guid fileId, int count, decimal totalDebit, decimal totalCredit);

    [LoggerMessage(LogLevel.Error, "Payment, payout or refund {Id} failed: the number of bank account {BankAccountId} cannot be opened from the vault")]
    private static partial void LogNoNumber(ILogger logger, Guid id, Guid bankAccountId);

    [LoggerMessage(LogLevel.Warning, "All 36 file identities of {Date} are used; the entries wait for the next banking date")]
    private static partial void LogNoModifierLeft(ILogger logger, DateOnly date);

    [LoggerMessage(LogLevel.Critical, "The banking date {Date} is past 2049, which a NACHA file cannot carry; the entries wait")]
    private static partial void LogPastLastDate(ILogger logger, DateOnly date);

    [LoggerMessage(LogLevel.Warning, "A round of ACH origination failed; the next round goes on from what was recorded")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
