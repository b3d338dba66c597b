using DirectPay.Bank.Data;
using DirectPay.Banking;
using DirectPay.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DirectPay.Bank.Simulation;

/// <summary>
/// The instant and wire networks, as the bank sees them: an order is answered when its rail's time has passed (seconds
/// for instant, more for a wire, times DirectPay:TimeScale), by the debtor's bank's rules; a settled one moves the money
/// between the two accounts at once. Answers are made under the lock the bank's rounds take, as they read and write balances.
/// </summary>
public sealed class TransferDesk(BankDb db, BankingClock banking, TimeProvider clock, IOptions<BankOptions> options, IConfiguration configuration)
{
    private double TimeScale => Math.Max(configuration.GetValue("DirectPay:TimeScale", 1.0), BankingClock.SmallestTimeScale);

    /// <summary>When the network answers an order received now.</summary>
    public DateTimeOffset AnswerTime(PaymentRail rail)
    {
        var terms = Rails.Of(rail);
        var real = terms.FastestAnswer + (terms.SlowestAnswer - terms.FastestAnswer) * Random.Shared.NextDouble();
        return clock.GetUtcNow() + real * TimeScale;
    }

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The transfer, answered first if its time has come; null when the bank holds none of that id.</summary>
    public async Task<Transfer?> FindAsync(string id, CancellationToken ct)
    {
        var transfer = await db.Transfers.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
        if (transfer is not { State: TransferState.Pending } || transfer.AnswerAt > Now) return transfer;
        await AnswerDueAsync(id, ct);
        return await db.Transfers.AsNoTracking().SingleAsync(t => t.Id == id, ct);
    }

    /// <summary>Answers every due transfer (or only <paramref name="id"/>), in one transaction under the processing lock.</summary>
    public async Task AnswerDueAsync(string? id, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM processing_state WHERE id = {ProcessingState.Singleton} FOR UPDATE", ct);
        var now = Now;
        var due = await db.Transfers.Where(t => t.State == TransferState.Pending && t.AnswerAt <= now && (id == null || t.Id == id))
            .OrderBy(t => t.AnswerAt).ToListAsync(ct);
        if (due.Count == 0) return;
        var books = new Books(db, options.Value, banking.GetUtcNow());
        var today = FedCalendar.DateInNewYork(banking.GetUtcNow());
        foreach (var transfer in due) await AnswerAsync(books, transfer, today, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private static async Task AnswerAsync(Books books, Transfer transfer, DateOnly today, CancellationToken ct)
    {
        var debtor = await books.AccountAsync(transfer.DebtorRouting, transfer.DebtorAccount, ct);
        var refusal = ReceivingBankRules.RefusesDebit(transfer.DebtorAccount, debtor, transfer.Amount);
        debtor.DebitsReceived++;
        if (refusal is not null)
        {
            transfer.State = TransferState.Rejected;
            transfer.ReasonCode = refusal;
            return;
        }
        var creditor = await books.AccountAsync(transfer.CreditorRouting, transfer.CreditorAccount, ct);
        books.Transfer(debtor, creditor, transfer.Amount, today, transfer.Reference, $"{transfer.Rail} transfer");
        transfer.State = TransferState.Settled;
        transfer.BookedOn = today;
    }
}
