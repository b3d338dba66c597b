using DirectPay.Banking;
using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.PaymentWorker;

public sealed partial class BankFileCollector
{
    /// <summary>A banking date's payouts are made after the receiving banks' returns of the night are in and applied.</summary>
    public static readonly TimeOnly PayoutsMadeAt = new(9, 0);
    private const int MostPayoutsPerRound = 500;

    /// <summary>
    /// Payouts whose own return window closed by the mark are paid: the settlement account's money is in the
    /// landlord's account for good, and the books say so. Each in its own transaction.
    /// </summary>
    private async Task PayUnreturnedPayoutsAsync(DateTimeOffset mark, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>(); // the candidates' reader; each is paid on its own
        var latestSettlement = FedCalendar.DateInNewYork(mark);
        var candidates = await db.Payouts
            .Where(p => p.State == PayoutState.Submitted && p.ExpectedSettlementDate <= latestSettlement
                        && db.AchFiles.Any(f => f.Id == p.AchFileId && f.State == AchFileState.Acknowledged))
            .OrderBy(p => p.ExpectedSettlementDate).Take(MostPayoutsPerRound).Select(p => new { p.Id, p.ExpectedSettlementDate }).ToListAsync(ct);
        await EachOnItsOwnAsync("paying payout", candidates.Where(c => AchReturns.WindowClosesAt(c.ExpectedSettlementDate!.Value) <= mark)
            .Select(c => c.Id), PayAsync, ct);
    }

    private async Task PayAsync(Guid payoutId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var payout = await db.Payouts.FromSql($"SELECT * FROM payouts WHERE id = {payoutId} AND state = 'submitted' FOR UPDATE SKIP LOCKED")
            .SingleOrDefaultAsync(ct);
        if (payout is null) return; // paid or returned meanwhile, or another worker has it
        var now = clock.GetUtcNow();
        payout.Pay(now);
        await db.EnqueueAsync(WebhookEventTypes.PayoutPaid, payout, now, ct);
        await db.PostAsync(Postings.Payout(payout, await db.LedgerAccountOfAsync(payout.BankAccountId, ct)), now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        LogPayoutPaid(logger, payout.Id, payout.LandlordId, payout.Amount);
    }

    /// <summary>
    /// On a banking date, once the mark has passed <see cref="PayoutsMadeAt"/>, each landlord with a positive balance
    /// gets that date's one payout to their primary account, carrying every open line (a negative one is netted). Lines
    /// are claimed only while still open (a concurrency token), so no line is ever in two payouts.
    /// </summary>
    private async Task MakeDuePayoutsAsync(DateTimeOffset mark, CancellationToken ct)
    {
        var date = FedCalendar.DateInNewYork(mark);
        if (!FedCalendar.IsBusinessDay(date) || mark < FedCalendar.At(date, PayoutsMadeAt)) return;

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectPayDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.AchCursors.FromSql($"SELECT * FROM ach_cursors WHERE name = {AchCursor.Payouts} FOR UPDATE SKIP LOCKED")
                .SingleOrDefaultAsync(ct) is null) return; // another worker is making them

        // Landlords owed money whose primary account can take a payout: it has a number, and no payout came back from it
        // (a closed account: held until the landlord names another primary account).
        var due = await db.PayoutItems.Where(i => i.PayoutId == null).GroupBy(i => i.LandlordId)
            .Where(g => g.Sum(i => i.Amount) > 0).Select(g => g.Key)
            .Join(db.BankAccounts.Where(a => a.IsPrimary && a.IsActive), id => id, a => a.UserId, (id, a) => new { LandlordId = id, AccountId = a.Id })
            .Where(x => db.BankAccountNumbers.Any(n => n.BankAccountId == x.AccountId)
                        && !db.Payouts.Any(p => p.BankAccountId == x.AccountId && p.State == PayoutState.Returned)
                        && !db.Payouts.Any(p => p.LandlordId == x.LandlordId && p.BusinessDate == date))
            .OrderBy(x => x.LandlordId).Take(MostPayoutsPerRound).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var window = schedule.WindowFor(banking.GetUtcNow(), sameDay: false, 0m);
        var made = 0;
        foreach (var (landlordId, accountId) in due.Select(x => (x.LandlordId, x.AccountId)))
        {
            var items = await db.PayoutItems.Where(i => i.LandlordId == landlordId && i.PayoutId == null).ToListAsync(ct);
            if (items.Sum(i => i.Amount) <= 0) continue; // a return came in since the balance was summed
            var payout = new Payout(landlordId, accountId, date, window.SettlementDate, items, now);
            db.Payouts.Add(payout);
            db.AchEntries.Add(AchEntry.ForPayout(payout, window, now));
            made++;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (made == 0) return;
        LogPayoutsMade(logger, made, date);
        origination.Wake();
    }

    [LoggerMessage(LogLevel.Information, "Payout {PayoutId} to landlord {LandlordId} paid: {Amount}")]
    private static partial void LogPayoutPaid(ILogger logger, Guid payoutId, Guid landlordId, decimal amount);

    [LoggerMessage(LogLevel.Information, "Made {Count} payouts for {Date}")]
    private static partial void LogPayoutsMade(ILogger logger, int count, DateOnly date);
}
